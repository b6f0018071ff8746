// Objects as Go's encoding/json writes maps: keys sorted by their UTF-8 bytes. hcl2json's output
// passes through that, and so does the fast reader's, key for key.
type Json = unknown;

/** Go's map key order: by UTF-8 bytes, which is code point order (UTF-16 order differs above U+FFFF). */
export function goKeyCompare(a: string, b: string): number {
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(j)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

const needsCodePoints = (keys: readonly string[]) => keys.some((k) => /[\ud800-\udfff]/.test(k));

/** A plain object with the map's keys in Go's order (nested maps converted); `__proto__` an ordinary key. */
export function sortedObject(map: Map<string, unknown>): Record<string, Json> {
  const keys = [...map.keys()];
  if (needsCodePoints(keys)) keys.sort(goKeyCompare);
  else keys.sort();
  const out: Record<string, Json> = {};
  for (const key of keys) {
    let value = map.get(key);
    if (value instanceof Map) value = sortedObject(value as Map<string, unknown>);
    if (key === "__proto__") Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}
