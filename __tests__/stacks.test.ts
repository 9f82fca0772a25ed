import { PROJECT_ROOT } from "../constructs/bundle";
import { synthAll } from "./support/synth";

const { stacks, text, outdir } = synthAll();

describe("synthesized stacks", () => {
  it("are <env>-api, <env>-analytics and <env>-site for every environment file", () => {
    expect(Object.keys(stacks)).toEqual(["dev-analytics", "dev-api", "dev-site", "prod-analytics", "prod-api", "prod-site"]);
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
