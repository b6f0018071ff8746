// IPv4 and IPv6 addresses and CIDR ranges, as numbers: whether one range lies inside another.
// Used by the intents' callersFrom and by org allowlists (GRG035).
import { isIP } from "net";

export interface IpRange {
  version: 4 | 6;
  first: bigint;
  last: bigint;
  text: string;
}

function toBigInt(address: string, version: 4 | 6): bigint {
  if (version === 4) return address.split(".").reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n);
  // Expand `::` and an embedded IPv4 tail, then read eight 16-bit groups.
  let text = address;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = toBigInt(v4[1], 4);
    text = text.slice(0, -v4[1].length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const h = head ? head.split(":") : [];
  const t = tail !== undefined ? (tail ? tail.split(":") : []) : [];
  const groups = tail !== undefined ? [...h, ...Array(8 - h.length - t.length).fill("0"), ...t] : h;
  return groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** An address (`203.0.113.7`) or a CIDR range (`203.0.113.0/24`, `2001:db8::/32`); undefined when it is neither. */
export function parseIpRange(text: string): IpRange | undefined {
  const [address, prefixText, extra] = text.trim().split("/");
  if (extra !== undefined) return undefined;
  const version = isIP(address);
  if (version !== 4 && version !== 6) return undefined;
  const bits = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return undefined;
  const host = BigInt(bits - prefix);
  const value = toBigInt(address, version);
  const first = (value >> host) << host;
  return { version, first, last: first + (1n << host) - 1n, text: text.trim() };
}

/** Whether every address of `inner` is in `outer`. */
export function rangeWithin(inner: IpRange, outer: IpRange): boolean {
  return inner.version === outer.version && inner.first >= outer.first && inner.last <= outer.last;
}
