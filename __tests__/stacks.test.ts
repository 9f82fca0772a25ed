import { PROJECT_ROOT } from "../constructs/bundle";
import { synthAll } from "./support/synth";

const { stacks, text, outdir } = synthAll();

describe("synthesized stacks", () => {
  it("are <env>-api, <env>-analytics and <env>-site for every environment file, state, and the account settings of the region", () => {
    expect(Object.keys(stacks)).toEqual(["account-us-east-1", "dev-analytics", "dev-api", "dev-site", "prod-analytics", "prod-api", "prod-site", "state"]);
  });

  it.each(Object.keys(stacks))("%s matches its snapshot", (name) => {
    expect(stacks[name]).toMatchSnapshot();
  });

  it.each(Object.keys(stacks))("%s holds no machine path", (name) => {
    expect(text[name]).not.toContain(PROJECT_ROOT);
    expect(text[name]).not.toContain(outdir);
    expect(text[name]).not.toMatch(/"\/(home|root|tmp|Users|work|opt)\//);
  });

  it.each(Object.keys(stacks))("%s keeps local state in a relative path outside cdktf.out", (name) => {
    expect(stacks[name].terraform.backend).toEqual({ local: { path: `../../../state/${name}.tfstate` } });
    expect(stacks[name].terraform.required_providers.aws.version).toBe("5.100.0");
  });
});

describe("account stack", () => {
  it("alone owns API Gateway's account-wide CloudWatch role in the region, so no environment overwrites or destroys it", () => {
    const owners = Object.entries(stacks).filter(([, json]) => json.resource.aws_api_gateway_account).map(([name]) => name);
    expect(owners).toEqual(["account-us-east-1"]);
  });
});

describe("state stack", () => {
  const state = stacks["state"];
  const resources = (type: string): any[] => Object.values(state.resource[type] ?? {});

  it("creates a versioned, encrypted, private, TLS-only bucket whose old versions expire", () => {
    expect(resources("aws_s3_bucket_versioning")[0].versioning_configuration).toEqual({ status: "Enabled" });
    expect(resources("aws_s3_bucket_server_side_encryption_configuration")).toHaveLength(1);
    expect(resources("aws_s3_bucket_public_access_block")[0]).toMatchObject({ block_public_acls: true, restrict_public_buckets: true });
    expect(resources("aws_s3_bucket_lifecycle_configuration")[0].rule[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
    expect(resources("aws_s3_bucket_policy")).toHaveLength(1);
  });

  it("outputs the backend settings to put in config/<env>.json", () => {
    expect(state.output?.backend_config.value).toMatchObject({ type: "s3", useLockfile: true, keyPrefix: "serverless-blog" });
  });
});
