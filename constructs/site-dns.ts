import { Construct } from "constructs";
import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { SiteDomain } from "../config/environment";

/** A and AAAA alias records that point the domain at the distribution (it serves IPv6 too). */
export class SiteDns extends Construct {
  constructor(scope: Construct, id: string, domain: SiteDomain, distribution: CloudfrontDistribution) {
    super(scope, id);
    for (const type of ["A", "AAAA"]) {
      new Route53Record(this, type.toLowerCase(), {
        zoneId: domain.hostedZoneId,
        name: domain.name,
        type,
        alias: { name: distribution.domainName, zoneId: distribution.hostedZoneId, evaluateTargetHealth: false },
      });
    }
  }
}
