// Identity of the tool and its rule pack, as reports print it.
import packageJson from "../package.json";
import { PROVIDER_SOURCE, PROVIDER_VERSION } from "../genesys/provider";

export const TOOL = {
  name: "genesys-recording-guard",
  version: packageJson.version,
  rulePack: `genesys-recording-guard-rules@${packageJson.version}`,
  providerSchema: `${PROVIDER_SOURCE} v${PROVIDER_VERSION}`,
} as const;
