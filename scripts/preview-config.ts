import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { EnvironmentConfig, parseEnvironment } from "../config/environment";

/**
 * `npm run -s preview:config -- <pull request number> <state bucket> <state region>`: writes
 * config/pr<N>.json, the preview environment of a pull request, derived from config/dev.json,
 * and prints its name. The preview workflows plan, deploy and destroy it like any environment.
 */

const CONFIG_DIR = resolve(__dirname, "..", "config");

export interface StateBucket {
  bucket: string;
  region: string;
}

/** dev's settings under the name pr<N>: its own prefix and state, nothing that outlives it. */
export function previewConfig(dev: Record<string, unknown>, pullRequest: number, state: StateBucket): Record<string, unknown> {
  if (!Number.isInteger(pullRequest) || pullRequest < 1) throw new Error(`not a pull request number: ${pullRequest}`);
  const name = previewName(pullRequest);
  const site = (dev.site ?? {}) as Record<string, unknown>;
  return {
    ...dev,
    namePrefix: `blog-${name}`,
    deletionProtection: false,
    // API Gateway's CloudWatch role is one per account and region; dev already manages it.
    manageApiGatewayAccount: false,
    // A preview is reached by its CloudFront address and costs no fixed WAF fee.
    site: { ...site, domain: undefined, waf: { ...((site.waf as object) ?? {}), enabled: false } },
    // Nobody is paged for a preview: its topics exist (alarm_topic_arn) for whoever wants to listen.
    alarms: { email: null },
    backend: { type: "s3", bucket: state.bucket, region: state.region, keyPrefix: `preview/${name}`, useLockfile: true },
  };
}

export function previewName(pullRequest: number): string {
  return `pr${pullRequest}`;
}

export function previewEnvironment(dev: Record<string, unknown>, pullRequest: number, state: StateBucket): EnvironmentConfig {
  const name = previewName(pullRequest);
  return parseEnvironment(name, previewConfig(dev, pullRequest, state), `${name}.json`);
}

if (require.main === module) {
  const [pr, bucket, region] = process.argv.slice(2);
  if (!pr || !bucket || !region) {
    console.error("usage: npm run -s preview:config -- <pull request number> <state bucket> <state region>");
    process.exit(2);
  }
  const dev = JSON.parse(readFileSync(join(CONFIG_DIR, "dev.json"), "utf8")) as Record<string, unknown>;
  const env = previewEnvironment(dev, Number(pr), { bucket, region });
  writeFileSync(join(CONFIG_DIR, `${env.name}.json`), `${JSON.stringify(previewConfig(dev, Number(pr), { bucket, region }), null, 2)}\n`);
  console.log(env.name);
}
