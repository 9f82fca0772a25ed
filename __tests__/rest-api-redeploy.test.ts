import { TerraformStack, Testing } from "cdktf";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RestApi } from "../constructs/rest-api";
import { GATEWAY_RESPONSES } from "../functions/http/errors";
import { COMPILED_ROUTES, CompiledRoute } from "../functions/compiled-routes";
import { RouteName } from "../functions/routes";

/** The deployment trigger of a REST API built from these routes. */
function trigger(routes: readonly CompiledRoute[]): string {
  const stack = new TerraformStack(Testing.app(), "redeploy");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const functions = Object.fromEntries(
    routes.map((route) => [route.name, new LambdaFunction(stack, `fn-${route.slug}`, { functionName: route.slug, role: "arn:aws:iam::123456789012:role/r" })]),
  ) as Record<RouteName, LambdaFunction>;
  new RestApi(stack, "api", {
    apiName: "t-api",
    namePrefix: "t",
    routes,
    functions,
    throttlingRateLimit: 1,
    throttlingBurstLimit: 1,
    logRetentionDays: 1,
    manageAccountLogging: false,
    region: "us-east-1",
  });
  const json = JSON.parse(Testing.synth(stack));
  const [deployment] = Object.values<{ triggers: { redeployment: string } }>(json.resource.aws_api_gateway_deployment);
  return deployment.triggers.redeployment;
}

const clone = (): CompiledRoute[] => structuredClone([...COMPILED_ROUTES]);
const withBody = (routes: CompiledRoute[]) => routes.find((r) => r.body)!;
const withQuery = (routes: CompiledRoute[]) => routes.find((r) => r.query.length > 0)!;
/** The gateway responses are a constant; the test changes one template and puts it back. */
const throttled = GATEWAY_RESPONSES.THROTTLED as { message: string };

describe("the stage's deployment is replaced whenever what the stage serves changes", () => {
  const baseline = trigger(COMPILED_ROUTES);

  it("is stable for an unchanged API", () => {
    expect(trigger(clone())).toBe(baseline);
  });

  it.each<[string, (routes: CompiledRoute[]) => void]>([
    ["a body limit in a model (updated in place)", (routes) => ((withBody(routes).body!.schema as { maxProperties?: number }).maxProperties = 99)],
    ["a route's API key requirement (method updated in place)", (routes) => (routes[0].apiKey = !routes[0].apiKey)],
    ["a query parameter becoming required", (routes) => (withQuery(routes).query[0].required = true)],
  ])("changes with %s", (_, mutate) => {
    const routes = clone();
    mutate(routes);
    expect(trigger(routes)).not.toBe(baseline);
  });

  it("changes with a gateway response's template (updated in place)", () => {
    const original = throttled.message;
    throttled.message = "Slow down";
    try {
      expect(trigger(COMPILED_ROUTES)).not.toBe(baseline);
    } finally {
      throttled.message = original;
    }
  });
});
