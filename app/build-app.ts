// Builds the cdktf App from the environment files: one EnvironmentStack per environment.
import { App } from "cdktf";
import { type EnvironmentConfig } from "../model/environment-config";
import { environmentFiles, loadEnvironmentConfig } from "../readers/environment-config";
import { InputError } from "../model/input-error";
import { type OrgSettings } from "../model/org-settings";
import { loadOrgSettings } from "../readers/org-settings";
import { EnvironmentStack } from "../stacks/environment-stack";

export interface BuiltApp {
  app: App;
  stacks: EnvironmentStack[];
}

export function buildApp(environmentsDir: string, outdir: string): BuiltApp {
  const app = new App({ outdir, skipValidation: false });
  const stacks = environmentFiles(environmentsDir).map((file) => {
    const config = loadEnvironmentConfig(file);
    const org = loadOrgSettings(config.orgSettingsFile);
    checkOrgMatches(config, org);
    return new EnvironmentStack(app, config, org);
  });
  return { app, stacks };
}

/**
 * An org settings file belongs to one environment and, once snapshotted, to one region: limits
 * read from another org would size this one's rate limits and gate its stacks.
 */
function checkOrgMatches(config: EnvironmentConfig, org: OrgSettings): void {
  if (org.environment !== config.name) {
    throw new InputError(
      org.file,
      "environment",
      `is "${org.environment}", but ${config.file} (environment "${config.name}") uses this file: point orgSettings at the file for "${config.name}"`,
    );
  }
  const region = org.provenance.region;
  if (region !== null && region !== config.region) {
    throw new InputError(
      org.file,
      "provenance.region",
      `is ${region}, but ${config.file} declares region ${config.region}: a snapshot of another org (run npm run org:snapshot -- --env ${config.name} against ${config.region})`,
    );
  }
}
