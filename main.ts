import { relative } from "node:path";
import { App, TerraformStack } from "cdktf";
import { EnvironmentConfig, loadEnvironments } from "./config/environment";
import { AccountStack } from "./stacks/account-stack";
import { AnalyticsStack } from "./stacks/analytics-stack";
import { ApiStack } from "./stacks/api-stack";
import { SiteStack } from "./stacks/site-stack";
import { StateStack } from "./stacks/state-stack";

/**
 * One set of stacks per config/<env>.json, named <env>-<part>, the shared `state` stack, and an
 * `account-<region>` stack for each region where no environment owns the account-wide settings.
 */
export function buildApp(app: App = new App(), environments: EnvironmentConfig[] = loadEnvironments()): App {
  new StateStack(app, "state", { region: environments[0].region, bucketPrefix: "serverless-blog-tfstate-" });
  const regions = [...new Set(environments.map((env) => env.region))];
  for (const region of regions) {
    const owned = environments.some((env) => env.region === region && env.manageApiGatewayAccount);
    if (!owned) new AccountStack(app, `account-${region}`, { region });
  }
  for (const env of environments) {
    const api = new ApiStack(app, `${env.name}-api`, env);
    new AnalyticsStack(app, `${env.name}-analytics`, env, api);
    new SiteStack(app, `${env.name}-site`, env, api);
  }
  return app;
}

// Run directly (npm run synth) there is no CLI to say what was written, so the app does.
if (require.main === module) {
  const app = buildApp();
  app.synth();
  const stacks = app.node.children.filter((child) => TerraformStack.isStack(child)).map((stack) => stack.node.id);
  const outdir = relative(process.cwd(), app.outdir);
  console.log(`Generated Terraform code for the stacks: ${stacks.join(", ")} (in ${outdir.startsWith("..") ? app.outdir : outdir})`);
}
