import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { EnvironmentConfig } from "../config/environment";
import { PrivateBucket } from "../constructs/private-bucket";
import { SiteDistribution } from "../constructs/site-distribution";
import { SiteFiles } from "../constructs/site-files";
import { ApiStackOutputs } from "./api-stack";
import { EnvironmentStack } from "./environment-stack";

/**
 * `<env>-site`: the blog's static site in a private bucket behind CloudFront, which also routes
 * /api/* to the REST API read from the API stack's state, so the site calls its API same-origin.
 */
export class SiteStack extends EnvironmentStack {
  constructor(scope: Construct, id: string, env: EnvironmentConfig, api: ApiStackOutputs) {
    super(scope, id, env);

    const logs = new PrivateBucket(this, "logs", {
      bucketPrefix: `${env.namePrefix}-site-logs-`,
      acceptsLogDelivery: true,
      expireAfterDays: env.site.accessLogRetentionDays,
    });
    const site = new PrivateBucket(this, "site", {
      bucketPrefix: `${env.namePrefix}-site-`,
      forceDestroy: true,
      accessLogs: { bucket: logs, prefix: "s3/site/" },
    });
    const cdn = new SiteDistribution(this, "cdn", {
      namePrefix: env.namePrefix,
      siteBucket: site.bucket,
      logBucket: logs.bucket,
      apiDomain: `${api.restApiId}.execute-api.${env.region}.amazonaws.com`,
      apiStage: api.stageName,
      listCacheSeconds: env.site.listCacheSeconds,
    });
    site.allow({
      sid: "CloudFrontReadsTheSite",
      actions: ["s3:GetObject"],
      principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
      resources: [`${site.bucket.arn}/*`],
      condition: [{ test: "StringEquals", variable: "AWS:SourceArn", values: [cdn.distribution.arn] }],
    });
    new SiteFiles(this, "files", { bucket: site.bucket });

    new TerraformOutput(this, "site_url", { value: `https://${cdn.distribution.domainName}` });
    new TerraformOutput(this, "distribution_id", { value: cdn.distribution.id });
    new TerraformOutput(this, "site_bucket", { value: site.bucket.bucket });
  }
}
