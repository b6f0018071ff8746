// Entry point of `npm run audit`. Thin: the work is in run-audit.ts.
import { auditMain } from "./audit-main";
import { exitWhenFlushed } from "./exit";

auditMain(process.argv.slice(2)).then(exitWhenFlushed);
