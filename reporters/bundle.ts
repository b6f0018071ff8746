// The evidence bundle: every report format plus a manifest of input and output digests, written
// into a fresh directory that replaces the target as a whole (never half a bundle). Same input,
// same bytes, file for file.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { FailOn } from "../policy/finding";
import { TOOL } from "../policy/tool";
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

export function writeBundle(dir: string, files: ReadonlyMap<string, string>): void {
  const target = path.resolve(dir);
  const staging = `${target}.tmp-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
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
