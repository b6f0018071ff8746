// The installed command: `genesys-recording-guard <command> [args]` (package.json "bin"), from any
// directory, on any repository. `audit` is `npm run audit` of a clone; `pre-commit` audits the
// root configurations holding the changed files.
import { auditMain } from "./audit-main";
import { exitWhenFlushed } from "./exit";
import { VERSION_TEXT } from "./options";
import { PRE_COMMIT_HELP, runPreCommit } from "./pre-commit";

export const BIN_HELP = `Usage: genesys-recording-guard <command> [options]

Commands:
  audit [options] <path...>   audit Terraform (HCL, Terraform JSON, plan JSON) for settings known to
                              make the Genesys Cloud recordings API fail (audit --help)
  audit budget ...            the token and rate budget of a JMeter plan (audit budget --help)
  pre-commit [options]        audit the root configurations holding the changed files (pre-commit --help)
  upgrade --to <version> <path...>
                              what bumping the provider to <version> breaks (upgrade --help)

Options:
  -h, --help                  show this help
  -v, --version               print the version
`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "audit":
    case "upgrade":
      // upgrade runs through the audit's entry (`audit upgrade ...`): the same error handling.
      return auditMain(command === "audit" ? rest : ["upgrade", ...rest]);
    case "pre-commit":
      try {
        return await runPreCommit(rest, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
      } catch (err) {
        process.stderr.write(`internal error: ${(err as Error).message}\n`);
        return 3;
      }
    case "--version":
    case "-v":
      process.stdout.write(VERSION_TEXT);
      return 0;
    case undefined:
    case "--help":
    case "-h":
    case "help":
      process.stdout.write(command === undefined ? BIN_HELP : command === "help" && rest[0] === "pre-commit" ? PRE_COMMIT_HELP : BIN_HELP);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`error: unknown command ${JSON.stringify(command.slice(0, 80))}: expected audit or pre-commit (see --help)\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(exitWhenFlushed);
