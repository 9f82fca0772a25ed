import { LocalBackend, S3Backend, TerraformStack } from "cdktf";
import { BackendConfig } from "../config/environment";

/** The S3 backend's native lock file (use_lockfile) needs Terraform 1.10; older versions ignore it. */
export const REQUIRED_TERRAFORM = ">= 1.10";

/**
 * Terraform runs each stack in cdktf.out/stacks/<stack>/, so a local state path three levels
 * up lands in the project directory. It stays relative: an absolute path would differ per machine.
 */
export function configureBackend(stack: TerraformStack, stackName: string, backend: BackendConfig): void {
  stack.addOverride("terraform.required_version", REQUIRED_TERRAFORM);
  if (backend.type === "local") {
    new LocalBackend(stack, { path: `../../../${backend.directory}/${stackName}.tfstate` });
    return;
  }
  const s3 = new S3Backend(stack, {
    bucket: backend.bucket,
    key: [backend.keyPrefix, `${stackName}.tfstate`].filter(Boolean).join("/"),
    region: backend.region,
    encrypt: true,
  });
  // cdktf 0.21's S3Backend does not know Terraform 1.10's native S3 locking yet.
  if (backend.useLockfile) s3.addOverride("use_lockfile", true);
}
