// Builds the cdktf App from the environment files: one EnvironmentStack per environment.
import { App } from "cdktf";
import { environmentFiles, loadEnvironmentConfig } from "../inputs/environment-config";
import { loadOrgSettings } from "../inputs/org-settings";
import { EnvironmentStack } from "../stacks/environment-stack";

export interface BuiltApp {
  app: App;
  stacks: EnvironmentStack[];
}

export function buildApp(environmentsDir: string, outdir: string): BuiltApp {
  const app = new App({ outdir, skipValidation: false });
  const stacks = environmentFiles(environmentsDir).map((file) => {
    const config = loadEnvironmentConfig(file);
    return new EnvironmentStack(app, config, loadOrgSettings(config.orgSettingsFile));
  });
  return { app, stacks };
}
