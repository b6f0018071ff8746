// The evidence bundle: every report format plus a manifest of input and output digests, written
// into a fresh directory that replaces the target as a whole (never half a bundle). Same input,
// same bytes, file for file.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { FailOn } from "../core/finding";
import { TOOL } from "../core/tool";
import { buildAccessMatrix, formatAccessMatrixJson } from "./access-matrix";
import { FORMAT_NAMES, FORMATS } from "./formats";
import type { ReportContext } from "./report-context";

export function renderBundle(ctx: ReportContext, failOn: FailOn): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of FORMAT_NAMES) {
    const spec = FORMATS[name] as { bundleFile?: string; render: (c: ReportContext, o: { failOn: FailOn; color: boolean }) => string };
    if (spec.bundleFile) files.set(spec.bundleFile, spec.render(ctx, { failOn, color: false }));
  }
  files.set("access-matrix.json", formatAccessMatrixJson(buildAccessMatrix(ctx)));
  const manifest = {
    tool: { name: TOOL.name, version: TOOL.version, rulePack: TOOL.rulePack, providerSchema: TOOL.providerSchema },
    inputs: ctx.inputs.map((i) => ({ file: i.file, kind: i.kind, sha256: i.sha256 })),
    outputs: [...files.keys()].sort().map((file) => ({ file, sha256: sha256(files.get(file)!) })),
  };
  files.set("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);
  return files;
}

/**
 * Why `dir` cannot take the bundle, or undefined. The bundle replaces the directory as a whole, so
 * it must be new, empty or a previous bundle (only bundle files in it), and hold none of the inputs.
 */
export function unusableBundleDir(dir: string, files: ReadonlyMap<string, string>, inputs: readonly string[]): string | undefined {
  const target = path.resolve(dir);
  const inside = inputs.filter((f) => path.resolve(f).startsWith(target + path.sep)).sort();
  if (inside.length) return `holds ${inside[0]}, an input of this audit; the bundle replaces the directory as a whole, so write it elsewhere`;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return undefined; // created by writeBundle
  }
  if (!stat.isDirectory()) return "exists and is not a directory";
  const other = fs
    .readdirSync(target)
    .filter((name) => !files.has(name))
    .sort();
  if (other.length)
    return `holds ${other.slice(0, 3).join(", ")}${other.length > 3 ? ` and ${other.length - 3} more` : ""}, which is not a bundle file; the bundle replaces the directory as a whole, so give a new or empty directory`;
  return undefined;
}

/** mkdir -p without { recursive: true }, which Node 20 retries forever below /proc. */
function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !fs.existsSync(d); d = path.dirname(d)) {
    if (path.dirname(d) === d) break;
    missing.unshift(d);
  }
  for (const d of missing) fs.mkdirSync(d);
}

export function writeBundle(dir: string, files: ReadonlyMap<string, string>): void {
  const target = path.resolve(dir);
  const staging = `${target}.tmp-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  makeDirectory(staging);
  try {
    for (const [name, text] of [...files.entries()].sort()) fs.writeFileSync(path.join(staging, name), text);
    if (fs.existsSync(target)) fs.renameSync(target, old);
    fs.renameSync(staging, target);
    fs.rmSync(old, { recursive: true, force: true });
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
