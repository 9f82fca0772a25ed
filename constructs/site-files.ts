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
    const upload = (file: (typeof site.files)[number], dependsOn: S3Object[]) =>
      new S3Object(this, `object-${file.key.replace(/[^A-Za-z0-9]/g, "-")}`, {
        bucket: props.bucket.id,
        key: file.key,
        source: `${asset.path}/${file.key}`,
        sourceHash: file.md5,
        contentType: file.contentType,
        cacheControl: file.cacheControl,
        dependsOn,
      });
    // Pages go up after everything they reference, so no reader gets a page whose assets are missing.
    const isPage = (file: (typeof site.files)[number]) => file.contentType.startsWith("text/html");
    const assets = site.files.filter((file) => !isPage(file)).map((file) => upload(file, []));
    for (const page of site.files.filter(isPage)) upload(page, assets);
    this.keys = site.files.map((file) => file.key);
  }
}
