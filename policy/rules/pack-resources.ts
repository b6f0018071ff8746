// Rules about single resources (trunks, retention policies, schema, permission strings, secrets).
import type { Rule } from "../rule";

export const RESOURCE_RULES: readonly Rule[] = [];
