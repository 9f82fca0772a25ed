import { App } from "cdktf";
import { EnvironmentConfig, loadEnvironments } from "./config/environment";
import { AnalyticsStack } from "./stacks/analytics-stack";
import { ApiStack } from "./stacks/api-stack";
import { SiteStack } from "./stacks/site-stack";
import { StateStack } from "./stacks/state-stack";

/** One set of stacks per config/<env>.json, named <env>-<part>, and the shared `state` stack. */
export function buildApp(app: App = new App(), environments: EnvironmentConfig[] = loadEnvironments()): App {
  new StateStack(app, "state", { region: environments[0].region, bucketPrefix: "serverless-blog-tfstate-" });
  for (const env of environments) {
    const api = new ApiStack(app, `${env.name}-api`, env);
    new AnalyticsStack(app, `${env.name}-analytics`, env, api);
    new SiteStack(app, `${env.name}-site`, env, api);
  }
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
