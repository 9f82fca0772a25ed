import { AssetType, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import { buildSite } from "../site/build";

export interface SiteFilesProps {
  bucket: S3Bucket;
}

/**
 * The built site as S3 objects, each with its content type and cache policy; an object changes
 * only when its bytes do (source_hash), so an unchanged site gives an empty plan.
 */
export class SiteFiles extends Construct {
  readonly keys: string[];

  constructor(scope: Construct, id: string, props: SiteFilesProps) {
    super(scope, id);
    const site = buildSite();
    const asset = new TerraformAsset(this, "build", { path: site.dir, type: AssetType.DIRECTORY });
    this.keys = site.files.map((file) => {
      new S3Object(this, `object-${file.key.replace(/[^A-Za-z0-9]/g, "-")}`, {
        bucket: props.bucket.id,
        key: file.key,
        source: `${asset.path}/${file.key}`,
        sourceHash: file.md5,
        contentType: file.contentType,
        cacheControl: file.cacheControl,
      });
      return file.key;
    });
  }
}
