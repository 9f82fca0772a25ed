import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { EnvironmentConfig } from "../config/environment";
import { PrivateBucket } from "../constructs/private-bucket";
import { SiteCertificate } from "../constructs/site-certificate";
import { SiteDistribution, SiteDistributionProps } from "../constructs/site-distribution";
import { SiteDns } from "../constructs/site-dns";
import { SiteFiles } from "../constructs/site-files";
import { WebAcl } from "../constructs/web-acl";
import { COMPILED_ROUTES } from "../functions/compiled-routes";
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
      // Logs are derived data: without this, `cdktf destroy` stops at the non-empty bucket.
      forceDestroy: true,
      expireAfterDays: env.site.accessLogRetentionDays,
    });
    const site = new PrivateBucket(this, "site", {
      bucketPrefix: `${env.namePrefix}-site-`,
      forceDestroy: true,
      accessLogs: { bucket: logs, prefix: "s3/site/" },
    });
    const edge = this.edge(env);
    const cdn = new SiteDistribution(this, "cdn", {
      namePrefix: env.namePrefix,
      siteBucket: site.bucket,
      logBucket: logs.bucket,
      logBucketOwnership: logs.ownership,
      apiDomain: `${api.restApiId}.execute-api.${env.region}.amazonaws.com`,
      apiStage: api.stageName,
      originVerifySecret: api.originSecret.value,
      listCacheSeconds: env.site.listCacheSeconds,
      domain: edge.domain,
      webAclArn: edge.webAclArn,
    });
    const { domain } = env.site;
    if (domain) new SiteDns(this, "dns", domain, cdn.distribution);
    site.allow({
      sid: "CloudFrontReadsTheSite",
      actions: ["s3:GetObject"],
      principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
      resources: [`${site.bucket.arn}/*`],
      condition: [{ test: "StringEquals", variable: "AWS:SourceArn", values: [cdn.distribution.arn] }],
    });
    new SiteFiles(this, "files", { bucket: site.bucket });

    new TerraformOutput(this, "site_url", { value: `https://${domain ? domain.name : cdn.distribution.domainName}` });
    new TerraformOutput(this, "distribution_id", { value: cdn.distribution.id });
    new TerraformOutput(this, "site_bucket", { value: site.bucket.bucket });
  }

  /** What CloudFront takes only from us-east-1: the certificate for site.domain, the web ACL for site.waf. */
  private edge(env: EnvironmentConfig): Pick<SiteDistributionProps, "domain" | "webAclArn"> {
    const { domain, waf } = env.site;
    if (!domain && !waf.enabled) return {};
    const usEast1 = this.regionalProvider("us-east-1");
    const certificate = domain && new SiteCertificate(this, "certificate", { domain, usEast1 });
    const webAcl =
      waf.enabled &&
      new WebAcl(this, "waf", { namePrefix: env.namePrefix, routes: COMPILED_ROUTES, rateLimitPer5Min: waf.rateLimitPer5Min, usEast1, alarmEmail: env.alarms.email });
    if (webAcl) {
      new TerraformOutput(this, "alarm_topic_arn", { value: webAcl.alarmTopicArn, description: "Subscribe whoever should hear this stack's alarms (us-east-1)" });
    }
    return {
      domain: domain && certificate ? { name: domain.name, certificateArn: certificate.certificateArn } : undefined,
      webAclArn: webAcl ? webAcl.acl.arn : undefined,
    };
  }
}
