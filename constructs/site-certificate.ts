import { TerraformIterator, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { SiteDomain } from "../config/environment";

export interface SiteCertificateProps {
  domain: SiteDomain;
  /** CloudFront takes certificates only from us-east-1. */
  usEast1: TerraformProvider;
}

/**
 * An ACM certificate for the site's domain, proven by DNS records in the domain's hosted zone.
 * `certificateArn` comes from the validation resource, so whatever uses it waits until ACM has
 * issued the certificate (CloudFront refuses a pending one).
 */
export class SiteCertificate extends Construct {
  readonly certificateArn: string;

  constructor(scope: Construct, id: string, props: SiteCertificateProps) {
    super(scope, id);
    const certificate = new AcmCertificate(this, "certificate", {
      provider: props.usEast1,
      domainName: props.domain.name,
      validationMethod: "DNS",
      // A renamed domain gets its new certificate before the distribution lets go of the old one.
      lifecycle: { createBeforeDestroy: true },
    });
    const challenges = TerraformIterator.fromComplexList(certificate.domainValidationOptions, "domain_name");
    const records = new Route53Record(this, "validation", {
      forEach: challenges,
      zoneId: props.domain.hostedZoneId,
      name: challenges.getString("resource_record_name"),
      type: challenges.getString("resource_record_type"),
      records: [challenges.getString("resource_record_value")],
      ttl: 300,
      // A re-created certificate for the same name asks for the same record.
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, "validation-complete", {
      provider: props.usEast1,
      certificateArn: certificate.arn,
      validationRecordFqdns: TerraformIterator.fromResources(records).pluckProperty("fqdn") as unknown as string[],
    });
    this.certificateArn = validation.certificateArn;
  }
}
