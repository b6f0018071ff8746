// `genesys-recording-guard pre-commit [audit options] [-- changed files...]`: audits the root
// configurations that hold the changed files, not the files alone (a lone file gives false GRG001s
// and unknowns: its roles and divisions are in the files beside it). The changed files are those
// after `--`, else the ones staged in git (`git diff --cached`); with none staged (pre-commit run
// --all-files), every root of the repository. A changed file in a local module selects every root
// that calls the module (the module's files are among the root's inputs).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { InputError } from "../model/input-error";
import { terminalLine } from "../model/safe-text";
import { CONFIG_FILE, loadConfigurations } from "../readers/terraform/load-inputs";
import type { CliIo } from "./io";
import { runAudit } from "./run-audit";

export const PRE_COMMIT_HELP = `Usage: genesys-recording-guard pre-commit [audit options] [-- <changed file>...]

Audits the Terraform root configurations that contain the changed files (each root as a whole,
with its local modules), with the audit's options (see genesys-recording-guard audit --help).
Changed files: those after --, else the files staged in git; none staged: every root of the
repository. Exit status as the audit's (0 clean, 1 findings at the fail level, 2 bad input).
`;

export async function runPreCommit(argv: readonly string[], io: CliIo, cwd: string = process.cwd()): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(PRE_COMMIT_HELP);
    return 0;
  }
  const split = argv.indexOf("--");
  const options = split < 0 ? [...argv] : argv.slice(0, split);
  const repo = gitRoot(cwd) ?? cwd;
  const named = split < 0 ? stagedFiles(repo) : argv.slice(split + 1).map((f) => path.resolve(cwd, f));
  try {
    const changed = named.filter((f) => CONFIG_FILE.test(f));
    if (named.length && !changed.length) return 0; // only other files changed: nothing to audit
    const { configurations, failed } = await loadConfigurations([repo]);
    const holds = (files: readonly string[]) => !changed.length || files.some((f) => changed.includes(path.resolve(f)));
    const roots = [
      ...configurations
        .filter((c) => holds(c.inputs.map((i) => i.file)))
        .map((c) =>
          ownFiles(
            c.name,
            c.inputs.map((i) => i.file),
          ),
        ),
      // A root that cannot be read: its files, so that the audit reports its error.
      ...failed.filter((f) => holds(filesIn(f.name))).map((f) => filesIn(f.name)),
    ];
    if (!roots.length) {
      io.stderr(`genesys-recording-guard: no Terraform root configuration holds the changed files\n`);
      return 0;
    }
    return await runAudit([...options, "--", ...roots.flat()], io);
  } catch (err) {
    if (err instanceof InputError) {
      io.stderr(`error: ${terminalLine(err.message)}\n`);
      return 2;
    }
    throw err;
  }
}

/** The root's own files (in its directory; a plan JSON root is its one file), not its modules'. */
function ownFiles(name: string, inputs: readonly string[]): string[] {
  const dir = path.resolve(name);
  const own = inputs.filter((f) => path.dirname(path.resolve(f)) === dir);
  return own.length ? own : inputs.slice(0, 1);
}

function filesIn(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((f) => CONFIG_FILE.test(f))
      .sort()
      .map((f) => path.join(dir, f));
  } catch {
    return [dir];
  }
}

function gitRoot(cwd: string): string | undefined {
  try {
    return execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

function stagedFiles(repo: string): string[] {
  try {
    const out = execFileSync("git", ["diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z"], {
      cwd: repo,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return out
      .split("\0")
      .filter(Boolean)
      .map((f) => path.join(repo, f));
  } catch {
    return [];
  }
}
