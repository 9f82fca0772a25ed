import { Construct } from "constructs";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";

export interface PrivateBucketProps {
  /** Terraform appends a unique suffix: bucket names are global. */
  bucketPrefix: string;
  /** Delete objects after this many days (none when omitted). */
  expireAfterDays?: number;
  /** Keep every version, deleting non-current ones after this many days. */
  versionedForDays?: number;
  /** Allows `terraform destroy` to empty the bucket (for derived data only). */
  forceDestroy?: boolean;
  /**
   * CloudFront's standard logs are delivered with an ACL grant, so a log bucket keeps ACLs
   * (BucketOwnerPreferred); every other bucket disables them.
   */
  acceptsLogDelivery?: boolean;
  /** Where S3 server access logs of this bucket go. */
  accessLogs?: { bucket: PrivateBucket; prefix: string };
}

/**
 * An S3 bucket that nobody outside the account can reach: public access blocked, ACLs disabled
 * (except on a log bucket), encrypted at rest, TLS-only, and incomplete multipart uploads cleaned up.
 */
export class PrivateBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly ownership: S3BucketOwnershipControls;
  private readonly policyDocument: DataAwsIamPolicyDocument;
  private readonly statements: DataAwsIamPolicyDocumentStatement[];

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, "bucket", { bucketPrefix: props.bucketPrefix, forceDestroy: props.forceDestroy ?? false });
    new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    this.ownership = new S3BucketOwnershipControls(this, "ownership", {
      bucket: this.bucket.id,
      rule: { objectOwnership: props.acceptsLogDelivery ? "BucketOwnerPreferred" : "BucketOwnerEnforced" },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }],
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: this.bucket.id,
      rule: [
        {
          id: "abort-incomplete-uploads",
          status: "Enabled",
          filter: [{ prefix: "" }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
          ...(props.expireAfterDays ? { expiration: [{ days: props.expireAfterDays }] } : {}),
          ...(props.versionedForDays ? { noncurrentVersionExpiration: [{ noncurrentDays: props.versionedForDays }] } : {}),
        },
      ],
    });
    if (props.versionedForDays) {
      new S3BucketVersioningA(this, "versioning", { bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" } });
    }
    this.statements = [
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          actions: ["s3:*"],
          principals: [{ type: "*", identifiers: ["*"] }],
          resources: [this.bucket.arn, `${this.bucket.arn}/*`],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
    ];
    this.policyDocument = new DataAwsIamPolicyDocument(this, "tls-only", { statement: this.statements });
    new S3BucketPolicy(this, "policy", { bucket: this.bucket.id, policy: this.policyDocument.json });

    if (props.accessLogs) {
      const { bucket: target, prefix } = props.accessLogs;
      target.allow({
        sid: `S3ServerAccessLogs${id.replace(/[^A-Za-z0-9]/g, "")}`,
        actions: ["s3:PutObject"],
        principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
        resources: [`${target.bucket.arn}/${prefix}*`],
        condition: [{ test: "ArnLike", variable: "aws:SourceArn", values: [this.bucket.arn] }],
      });
      new S3BucketLoggingA(this, "access-logs", { bucket: this.bucket.id, targetBucket: target.bucket.id, targetPrefix: prefix });
    }
  }

  /** Adds a grant to the bucket policy, beside the TLS-only denial. */
  allow(statement: DataAwsIamPolicyDocumentStatement): void {
    this.statements.push(statement);
    this.policyDocument.putStatement([...this.statements]);
  }
}
