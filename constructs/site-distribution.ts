import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { CloudfrontCachePolicy } from "@cdktf/provider-aws/lib/cloudfront-cache-policy";
import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontFunction } from "@cdktf/provider-aws/lib/cloudfront-function";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { CloudfrontOriginRequestPolicy } from "@cdktf/provider-aws/lib/cloudfront-origin-request-policy";
import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { COMPILED_ROUTES, CompiledRoute } from "../functions/compiled-routes";
import { ORIGIN_VERIFY_HEADER } from "../functions/http/origin";
import { API_BASE_PATH } from "../functions/routes";
import { OPENAPI_KEY } from "../site/build";
import { SECURITY_HEADERS } from "../site/security-headers";
import { VIEWER_REQUEST_CODE } from "../site/viewer-request";

export interface SiteDistributionProps {
  namePrefix: string;
  siteBucket: S3Bucket;
  logBucket: S3Bucket;
  /**
   * The log bucket's ownership setting that enables ACLs: CloudFront checks ACL access when the
   * distribution is created, and a new bucket starts with ACLs disabled.
   */
  logBucketOwnership: ITerraformDependable;
  /** The REST API's regional endpoint host and stage, from the API stack. */
  apiDomain: string;
  apiStage: string;
  /** Sent to the API in the origin-verify header, so the API can refuse direct calls. */
  originVerifySecret: string;
  /** Seconds CloudFront may serve a cached article list; 0 means not cached at all. */
  listCacheSeconds: number;
  /** A custom domain and its issued us-east-1 certificate; without it, CloudFront's default certificate. */
  domain?: { name: string; certificateArn: string };
  /** The ARN of a CLOUDFRONT-scope web ACL. */
  webAclArn?: string;
}

/** AWS-managed cache policies (fixed, documented ids). */
const MANAGED_CACHE_POLICY = {
  cachingOptimized: "658327ea-f89d-4fab-a63d-7e88639e58f6",
  cachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
};

/** What the API needs from the viewer; everything else (Host above all) stays at the edge. */
const API_HEADERS = [
  "Content-Type",
  "User-Agent",
  "x-api-key",
  "CloudFront-Viewer-Country",
  "CloudFront-Is-Mobile-Viewer",
  "CloudFront-Is-Tablet-Viewer",
  "CloudFront-Is-SmartTV-Viewer",
  "CloudFront-Is-Desktop-Viewer",
];

const ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"];

/**
 * CloudFront in front of the private site bucket (origin access control) and of the API on the
 * same origin under /api/*: HTTPS only, compressed, security headers on every response, writes
 * never cached, the article list cached briefly.
 */
export class SiteDistribution extends Construct {
  readonly distribution: CloudfrontDistribution;

  constructor(scope: Construct, id: string, props: SiteDistributionProps) {
    super(scope, id);
    const hsts = SECURITY_HEADERS.strictTransportSecurity;
    const headers = new CloudfrontResponseHeadersPolicy(this, "security-headers", {
      name: `${props.namePrefix}-security-headers`,
      comment: "HSTS, CSP (self only), nosniff, frame denial, referrer policy",
      securityHeadersConfig: {
        strictTransportSecurity: {
          accessControlMaxAgeSec: hsts.maxAgeSeconds,
          includeSubdomains: hsts.includeSubdomains,
          preload: hsts.preload,
          override: true,
        },
        contentSecurityPolicy: { contentSecurityPolicy: SECURITY_HEADERS.contentSecurityPolicy, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: SECURITY_HEADERS.frameOptions, override: true },
        referrerPolicy: { referrerPolicy: SECURITY_HEADERS.referrerPolicy, override: true },
      },
    });
    const oac = new CloudfrontOriginAccessControl(this, "oac", {
      name: `${props.namePrefix}-site`,
      description: "CloudFront reads the private site bucket",
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });
    const apiRequests = new CloudfrontOriginRequestPolicy(this, "api-requests", {
      name: `${props.namePrefix}-api`,
      comment: "Query strings and the headers the API reads",
      cookiesConfig: { cookieBehavior: "none" },
      headersConfig: { headerBehavior: "whitelist", headers: { items: API_HEADERS } },
      queryStringsConfig: { queryStringBehavior: "all" },
    });
    // Routes the table marks cached: briefly, keyed by exactly the query parameters they read.
    // CloudFront refuses a policy with every TTL 0 that enables compression: 0 means the managed
    // CachingDisabled policy instead.
    const cachedRoutes = COMPILED_ROUTES.filter((route) => route.cached).map((route) => ({
      route,
      policyId: props.listCacheSeconds === 0 ? MANAGED_CACHE_POLICY.cachingDisabled : this.cachePolicy(route, props).id,
    }));

    // Page paths (/articles/<id>) answer index.html; an error response mapping instead would
    // turn every missing asset and API 404 into a 200 page.
    const pages = new CloudfrontFunction(this, "pages", {
      name: `${props.namePrefix}-site-pages`,
      comment: "Page paths without a file serve index.html",
      runtime: "cloudfront-js-2.0",
      code: VIEWER_REQUEST_CODE,
      publish: true,
    });

    const apiOrigin = "api";
    const siteOrigin = "site";
    const apiBehavior = (pathPattern: string, cachePolicyId: string) => ({
      pathPattern,
      targetOriginId: apiOrigin,
      viewerProtocolPolicy: "redirect-to-https",
      allowedMethods: ALL_METHODS,
      cachedMethods: ["GET", "HEAD"],
      cachePolicyId,
      originRequestPolicyId: apiRequests.id,
      responseHeadersPolicyId: headers.id,
      compress: true,
    });

    this.distribution = new CloudfrontDistribution(this, "distribution", {
      comment: `${props.namePrefix} blog`,
      enabled: true,
      isIpv6Enabled: true,
      httpVersion: "http2and3",
      priceClass: "PriceClass_100",
      defaultRootObject: "index.html",
      origin: [
        {
          originId: siteOrigin,
          // The regional domain name: origin access control does not work with the website endpoint.
          domainName: props.siteBucket.bucketRegionalDomainName,
          originAccessControlId: oac.id,
        },
        {
          originId: apiOrigin,
          domainName: props.apiDomain,
          // /api/articles reaches the stage "api" as /api/articles: stage first, then the route.
          originPath: `/${props.apiStage}`,
          customHeader: [{ name: ORIGIN_VERIFY_HEADER, value: props.originVerifySecret }],
          customOriginConfig: {
            httpPort: 80,
            httpsPort: 443,
            originProtocolPolicy: "https-only",
            originSslProtocols: ["TLSv1.2"],
          },
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: siteOrigin,
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["GET", "HEAD", "OPTIONS"],
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: MANAGED_CACHE_POLICY.cachingOptimized,
        responseHeadersPolicyId: headers.id,
        compress: true,
        functionAssociation: [{ eventType: "viewer-request", functionArn: pages.arn }],
      },
      orderedCacheBehavior: [
        {
          // The API's OpenAPI document is published with the site.
          pathPattern: `/${OPENAPI_KEY}`,
          targetOriginId: siteOrigin,
          viewerProtocolPolicy: "redirect-to-https",
          allowedMethods: ["GET", "HEAD"],
          cachedMethods: ["GET", "HEAD"],
          cachePolicyId: MANAGED_CACHE_POLICY.cachingOptimized,
          responseHeadersPolicyId: headers.id,
          compress: true,
        },
        ...cachedRoutes.map(({ route, policyId }) => apiBehavior(route.resource, policyId)),
        apiBehavior(`${API_BASE_PATH}/*`, MANAGED_CACHE_POLICY.cachingDisabled),
      ],
      loggingConfig: { bucket: props.logBucket.bucketDomainName, prefix: "cloudfront/", includeCookies: false },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      aliases: props.domain ? [props.domain.name] : undefined,
      viewerCertificate: props.domain
        ? { acmCertificateArn: props.domain.certificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" }
        : { cloudfrontDefaultCertificate: true },
      webAclId: props.webAclArn,
      dependsOn: [props.logBucketOwnership],
    });
  }

  private cachePolicy(route: CompiledRoute, props: SiteDistributionProps): CloudfrontCachePolicy {
    return new CloudfrontCachePolicy(this, `cache-${route.slug}`, {
      name: `${props.namePrefix}-${route.slug}`,
      comment: `${route.method} ${route.resource}, briefly`,
      minTtl: 0,
      defaultTtl: props.listCacheSeconds,
      maxTtl: props.listCacheSeconds,
      parametersInCacheKeyAndForwardedToOrigin: {
        cookiesConfig: { cookieBehavior: "none" },
        headersConfig: { headerBehavior: "none" },
        queryStringsConfig: { queryStringBehavior: "whitelist", queryStrings: { items: route.query.map((parameter) => parameter.name).sort() } },
        enableAcceptEncodingBrotli: true,
        enableAcceptEncodingGzip: true,
      },
    });
  }
}
