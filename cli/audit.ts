// Entry point of `npm run audit`. Thin: the work is in run-audit.ts.
import { auditMain } from "./audit-main";

auditMain(process.argv.slice(2)).then((code) => (process.exitCode = code));
