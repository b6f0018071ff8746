// Rules about single resources (trunks, retention policies, schema, permission strings, secrets).
import type { Rule } from "../core/rule";
import { trunkRecordsNothing } from "./grg010-trunk-records-nothing";
import { retentionDeletesBeforeRead } from "./grg011-retention-deletes-before-read";
import { unknownToProviderSchema } from "./grg012-unknown-to-provider-schema";
import { trunkPropertyKeyUnknown } from "./grg013-trunk-property-key-unknown";
import { permissionNotReal } from "./grg014-permission-not-real";
import { testRetentionNeverDeletes } from "./grg015-test-retention-never-deletes";
import { clientSecretInState } from "./grg016-client-secret-in-state";
import { moduleNotExpanded } from "./grg028-module-not-expanded";
import { consentFlowDoesNotRecord } from "./grg034-consent-flow-does-not-record";

export const RESOURCE_RULES: readonly Rule[] = [
  trunkRecordsNothing,
  retentionDeletesBeforeRead,
  unknownToProviderSchema,
  trunkPropertyKeyUnknown,
  permissionNotReal,
  testRetentionNeverDeletes,
  clientSecretInState,
  moduleNotExpanded,
  consentFlowDoesNotRecord,
];
