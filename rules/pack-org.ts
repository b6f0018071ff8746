// Rules that need the org's own settings (org settings file from npm run org:snapshot): what
// the org can grant at all. They say nothing when the file lacks the data they need.
import type { Rule } from "../core/rule";
import { permissionNotInCatalogue } from "./grg018-permission-not-in-catalogue";

export const ORG_RULES: readonly Rule[] = [permissionNotInCatalogue];
