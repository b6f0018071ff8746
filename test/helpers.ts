// Shared helpers for the construct, stack, config, synth and bindings tests.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "cdktf";
import { Construct } from "constructs";
import { synthesize } from "../app/synthesize";

export const REPO_ROOT = path.resolve(__dirname, "..");
export const ENVIRONMENTS_DIR = path.join(REPO_ROOT, "config", "environments");
export const ORG_DIR = path.join(REPO_ROOT, "config", "org");
/** A valid environments directory of its own: throttled.json (120 requests/min org, 3 tokens). */
export const FIXTURE_ENVIRONMENTS_DIR = path.join(__dirname, "fixtures", "environments");

/** Parsed Terraform JSON. */
export type TfJson = Record<string, any>;

// ---------------------------------------------------------------------------------------------
// Constructs in a throw-away stack

/** Declares constructs in a fresh test stack (path "stack") and returns its Terraform JSON, metadata stripped. */
export function synthJson(declare: (scope: Construct) => void): TfJson {
  return JSON.parse(Testing.synthScope(declare));
}

/** The blocks of one resource type, by logical id ({} when there are none). */
export function resourcesOf(json: TfJson, type: string): Record<string, TfJson> {
  return json.resource?.[type] ?? {};
}

/** The only resource of a type; fails the test when there is not exactly one. */
export function onlyResource(json: TfJson, type: string): TfJson {
  const all = Object.values(resourcesOf(json, type));
  expect(all).toHaveLength(1);
  return all[0];
}

/** The error `action` throws (fails the test when it throws nothing). */
export function thrownBy(action: () => unknown): Error {
  try {
    action();
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected an error, nothing was thrown");
}

// ---------------------------------------------------------------------------------------------
// Temporary directories

/** Registers cleanup with the calling test file and returns a maker of fresh temp dirs. */
export function useTempDirs(): (prefix?: string) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });
  return (prefix = "grg-test-") => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

/** Every file below dir, as relative path -> bytes, sorted by path. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else out.set(child, fs.readFileSync(path.join(dir, child)));
    }
  };
  walk("");
  return out;
}

// ---------------------------------------------------------------------------------------------
// The app's synthesize()

export interface SynthRun {
  code: number;
  log: string[];
  outdir: string;
}

/** Runs the app's synthesize() with its log captured. */
export function runSynthesize(environmentsDir: string, outdir: string): SynthRun {
  const log: string[] = [];
  const code = synthesize({ environmentsDir, outdir, log: (line) => log.push(line) });
  return { code, log, outdir };
}

/** A synthesized stack's cdk.tf.json, parsed. */
export function readStack(outdir: string, stack: string): TfJson {
  return JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
}

// ---------------------------------------------------------------------------------------------
// Environment files

/** A copy of config/environments/test.json, to mutate. */
export function testEnvironment(): any {
  return JSON.parse(fs.readFileSync(path.join(ENVIRONMENTS_DIR, "test.json"), "utf8"));
}

/**
 * A scratch project layout in `root`: environments/ for environment files and org/test.json
 * (a copy of the committed one), so that "orgSettings": "../org/test.json" still resolves.
 */
export class EnvironmentWorkspace {
  readonly environmentsDir: string;

  constructor(readonly root: string) {
    this.environmentsDir = path.join(root, "environments");
    fs.mkdirSync(this.environmentsDir, { recursive: true });
    fs.mkdirSync(path.join(root, "org"), { recursive: true });
    fs.copyFileSync(path.join(ORG_DIR, "test.json"), path.join(root, "org", "test.json"));
  }

  /** Writes test.json, changed by `mutate`, as environments/<fileName>; returns its path. */
  writeEnvironment(fileName: string, mutate: (config: any) => void = () => undefined): string {
    const config = testEnvironment();
    mutate(config);
    return this.writeText(fileName, `${JSON.stringify(config, null, 2)}\n`);
  }

  writeText(fileName: string, text: string): string {
    const file = path.join(this.environmentsDir, fileName);
    fs.writeFileSync(file, text);
    return file;
  }
}

// ---------------------------------------------------------------------------------------------
// Process environment

/** Sets environment variables for the tests of the calling describe block and restores them after. */
export function withProcessEnv(vars: Record<string, string>): void {
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const [key, value] of Object.entries(vars)) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
  });
  afterAll(() => {
    for (const key of Object.keys(vars)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });
}
