import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { loadEnvironments } from "../config/environment";

// The framework floor: the same cdktf app shape (one stack per part and environment) with only
// the provider in each stack, run the same way as main.ts.
const app = new App();
const environments = loadEnvironments();
for (const name of ["state", ...environments.flatMap((env) => ["api", "analytics", "site"].map((part) => `${env.name}-${part}`))]) {
  const stack = new TerraformStack(app, name);
  new AwsProvider(stack, "aws", { region: environments[0].region });
}
app.synth();
