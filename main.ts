import { App } from "cdktf";
import { loadEnvironments } from "./config/environment";
import { AnalyticsStack } from "./stacks/analytics-stack";
import { ApiStack } from "./stacks/api-stack";
import { SiteStack } from "./stacks/site-stack";

/** One set of stacks per config/<env>.json, named <env>-<part>. */
export function buildApp(app: App = new App()): App {
  for (const env of loadEnvironments()) {
    const api = new ApiStack(app, `${env.name}-api`, env);
    new AnalyticsStack(app, `${env.name}-analytics`, env, api);
    new SiteStack(app, `${env.name}-site`, env, api);
  }
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
