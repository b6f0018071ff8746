// Environment files are validated before anything is synthesized: every problem is one line
// naming the file and the field, and a bad file never touches the existing output.
import * as fs from "fs";
import * as path from "path";
import { environmentFiles, loadEnvironmentConfig } from "../readers/environment-config";
import { InputError } from "../model/input-error";
import { ENVIRONMENTS_DIR, EnvironmentWorkspace, readTree, runSynthesize, thrownBy, useTempDirs } from "./helpers";

const tempDir = useTempDirs();

/** Loads `file` and returns the InputError it must raise. */
function inputErrorFor(file: string): InputError {
  const err = thrownBy(() => loadEnvironmentConfig(file));
  expect(err).toBeInstanceOf(InputError);
  expect(err.message).not.toContain("\n");
  return err as InputError;
}

describe("loadEnvironmentConfig", () => {
  it("loads the committed environments", () => {
    const files = environmentFiles(ENVIRONMENTS_DIR);
    expect(files.map((f) => path.basename(f))).toEqual(["prod.json", "test.json"]);
    const test = loadEnvironmentConfig(path.join(ENVIRONMENTS_DIR, "test.json"));
    expect(test).toMatchObject({ name: "test", kind: "test", region: "us-east-1" });
    expect(test.orgSettingsFile).toBe(path.join(ENVIRONMENTS_DIR, "..", "org", "test.json"));
  });

  it("fills in the documented defaults", () => {
    const workspace = new EnvironmentWorkspace(tempDir());
    const file = workspace.writeEnvironment("test.json", (c) => {
      delete c.serviceAccounts[0].tokenLifetimeSeconds;
      delete c.serviceAccounts[0].divisions;
      delete c.serviceAccounts[0].run.tokens;
      delete c.trunks;
    });
    const config = loadEnvironmentConfig(file);
    expect(config.serviceAccounts[0]).toMatchObject({ tokenLifetimeSeconds: 86400, divisions: ["home"], run: { tokens: 1 } });
    expect(config.trunks).toEqual([]);
  });

  describe("refuses a bad file with one line naming the file and the field", () => {
    const workspace = new EnvironmentWorkspace(tempDir());

    it.each<[string, (c: any) => void, string, RegExp | string]>([
      [
        "an unknown (misspelt) key",
        (c) => {
          c.serviceAccounts[0].capabilites = c.serviceAccounts[0].capabilities;
          delete c.serviceAccounts[0].capabilities;
        },
        "serviceAccounts[0].capabilites",
        "unknown key",
      ],
      ["an unknown top-level key", (c) => (c.regoin = "us-east-1"), "regoin", "unknown key"],
      [
        "a string where a number belongs",
        (c) => (c.serviceAccounts[0].tokenLifetimeSeconds = "7200"),
        "serviceAccounts[0].tokenLifetimeSeconds",
        "expected number, received string",
      ],
      ["a wrong type in a trunk", (c) => (c.trunks[0].recording.enabled = "yes"), "trunks[0].recording.enabled", "expected boolean, received string"],
      ["negative days", (c) => (c.retention.call.deleteAfterDays = -30), "retention.call.deleteAfterDays", "expected a positive number of days"],
      ["fractional days", (c) => (c.retention.chat.deleteAfterDays = 1.5), "retention.chat.deleteAfterDays", "expected whole days"],
      [
        "an unknown capability",
        (c) => (c.serviceAccounts[1].capabilities[1] = "recordings:delete"),
        "serviceAccounts[1].capabilities[1]",
        'unknown capability "recordings:delete"',
      ],
      [
        "a made-up OAuth scope as capability",
        (c) => c.serviceAccounts[0].capabilities.push("recording:view"),
        "serviceAccounts[0].capabilities[1]",
        'unknown capability "recording:view"',
      ],
      [
        "a division key that is not declared",
        (c) => (c.serviceAccounts[0].divisions = ["home", "recording-ops"]),
        "serviceAccounts[0].divisions[1]",
        '"recording-ops" is not "home", "*" or a key of divisions',
      ],
      [
        "a token lifetime above the provider's maximum",
        (c) => (c.serviceAccounts[0].tokenLifetimeSeconds = 172801),
        "serviceAccounts[0].tokenLifetimeSeconds",
        /172800/,
      ],
      [
        "a token lifetime below the provider's minimum",
        (c) => (c.serviceAccounts[0].tokenLifetimeSeconds = 120),
        "serviceAccounts[0].tokenLifetimeSeconds",
        "at least 300 s: the provider refuses shorter token lifetimes",
      ],
      ["a duplicate service account", (c) => (c.serviceAccounts[1].name = "loadtest"), "serviceAccounts[1].name", 'duplicate service account "loadtest"'],
      ["a bad region", (c) => (c.region = "US East"), "region", "expected a region such as us-east-1"],
      ["an unknown environment kind", (c) => (c.kind = "staging"), "kind", 'expected one of "test"|"production"'],
      [
        "an inbound site with neither id nor name",
        (c) => (c.trunks[0].inboundSite = {}),
        "trunks[0].inboundSite",
        'expected {"id": "<site id>"} or {"name": "<site name>"}',
      ],
      ["a name that does not match the file name", (c) => (c.name = "staging"), "name", 'must match the file name ("test")'],
      ["an absolute state file path", (c) => (c.stateFile = "/home/someone/state/test.tfstate"), "stateFile", "must be a relative path"],
      ["screen retention above 365 days", (c) => (c.retention.screen.deleteAfterDays = 400), "retention.screen.deleteAfterDays", "at most 365 days"],
      [
        "archive on or after deletion",
        (c) => (c.retention.call = { archiveAfterDays: 30, deleteAfterDays: 30 }),
        "retention.call.archiveAfterDays",
        "must be less than deleteAfterDays (30)",
      ],
      ["screen retention without call retention", (c) => delete c.retention.call, "retention.screen", "declare retention.call too"],
      [
        "a division listed twice",
        (c) => (c.serviceAccounts[0].divisions = ["home", "recording-qa", "home"]),
        "serviceAccounts[0].divisions[2]",
        '"home" is listed twice',
      ],
      [
        "a capability listed twice",
        (c) => (c.serviceAccounts[0].capabilities = ["recordings:read", "recordings:read"]),
        "serviceAccounts[0].capabilities[1]",
        '"recordings:read" is listed twice',
      ],
      [
        "annotate without a read capability",
        (c) => (c.serviceAccounts[0].capabilities = ["recordings:annotate"]),
        "serviceAccounts[0].capabilities",
        "recordings:annotate also needs recordings:read",
      ],
      ["an org settings file that does not exist", (c) => (c.orgSettings = ":"), "orgSettings", ":: no such file (paths are relative to the environment file)"],
    ])("%s", (_, mutate, field, problem) => {
      const file = workspace.writeEnvironment("test.json", mutate);
      const err = inputErrorFor(file);
      expect(err.file).toBe(file);
      expect(err.field).toBe(field);
      expect(err.problem).toEqual(typeof problem === "string" ? expect.stringContaining(problem) : expect.stringMatching(problem));
      expect(err.message).toBe(`${file}: ${field}: ${err.problem}`);
    });

    it("a missing file", () => {
      const file = path.join(workspace.environmentsDir, "missing.json");
      const err = inputErrorFor(file);
      expect(err.message).toBe(`${file}: file not found`);
    });

    it("malformed JSON", () => {
      const file = workspace.writeText("test.json", '{\n  "name": "test",\n  "kind": "test",\n}\n');
      const err = inputErrorFor(file);
      expect(err.message).toMatch(new RegExp(`^${escapeRegExp(file)}: line \\d+, column \\d+: not valid JSON: .+$`));
    });

    it("names the file relative to the working directory when it is inside it", () => {
      const err = inputErrorFor(path.join(ENVIRONMENTS_DIR, "no-such-environment.json"));
      expect(err.message).toBe(`${path.relative(process.cwd(), ENVIRONMENTS_DIR)}/no-such-environment.json: file not found`);
    });
  });
});

describe("synthesize() with a bad environment file", () => {
  it("returns 2, logs one error line and leaves the existing output as it was", () => {
    const root = tempDir();
    const workspace = new EnvironmentWorkspace(root);
    workspace.writeEnvironment("test.json"); // a good one, synthesized first
    const bad = workspace.writeEnvironment("zz-bad.json", (c) => {
      c.name = "zz-bad";
      c.retention.call.deleteAfterDays = -1;
    });

    const outdir = path.join(root, "cdktf.out");
    fs.mkdirSync(path.join(outdir, "stacks", "previous"), { recursive: true });
    fs.writeFileSync(path.join(outdir, "stacks", "previous", "cdk.tf.json"), '{"previous": true}\n');
    fs.writeFileSync(path.join(outdir, "manifest.json"), '{"version": "previous"}\n'); // as every cdktf output has
    const before = readTree(outdir);

    const run = runSynthesize(workspace.environmentsDir, outdir);

    expect(run.code).toBe(2);
    expect(run.log).toEqual([`error: ${bad}: retention.call.deleteAfterDays: expected a positive number of days`]);
    expect(readTree(outdir)).toEqual(before);
    expect(fs.readdirSync(root).sort()).toEqual(["cdktf.out", "environments", "org"]); // no staging or old dir left
  });

  it("returns 2 for malformed JSON and creates no output when there was none", () => {
    const root = tempDir();
    const workspace = new EnvironmentWorkspace(root);
    workspace.writeText("test.json", "{ not json");
    const run = runSynthesize(workspace.environmentsDir, path.join(root, "cdktf.out"));
    expect(run.code).toBe(2);
    expect(run.log).toHaveLength(1);
    expect(run.log[0]).toMatch(/^error: .*test\.json: line \d+, column \d+: not valid JSON/);
    expect(fs.readdirSync(root).sort()).toEqual(["environments", "org"]);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

it("reads an environment file that starts with a UTF-8 byte order mark", () => {
  const workspace = new EnvironmentWorkspace(tempDir());
  const file = workspace.writeText("test.json", `\uFEFF${fs.readFileSync(path.join(ENVIRONMENTS_DIR, "test.json"), "utf8")}`);
  expect(loadEnvironmentConfig(file).name).toBe("test");
});

describe("environmentFiles", () => {
  it("refuses an empty or missing environments directory instead of wiping the output", () => {
    const empty = tempDir();
    expect(thrownBy(() => environmentFiles(empty)).message).toMatch(/no environment files \(\*\.json\): nothing to synthesize$/);
    expect(thrownBy(() => environmentFiles(path.join(empty, "nope"))).message).toMatch(/cannot read the environments directory \(file not found\)$/);
  });
});
