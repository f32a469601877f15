/**
 * The run-once EFS initialiser: a function that creates the Panintelligence directories and copies the operator's seed
 * where files are absent (never deleting or overwriting), and the `aws_lambda_invocation` that runs it on create and
 * again only when the seed or the directory layout changes. The ECS services depend on `invocation`, so no task starts
 * on an empty share, and a failed run fails the apply with the function's error.
 */
import { createHash } from "node:crypto";
import { Construct } from "constructs";
import { Fn, TerraformOutput, type ITerraformDependable } from "cdktf";
import { LambdaInvocation } from "@cdktf/provider-aws/lib/lambda-invocation";
import { PANINTELLIGENCE_DIRECTORIES } from "../data/file-storage";
import { LambdaPackage } from "./lambda-package";
import { EFS_MOUNT_PATH, VpcFunction, type LambdaPlacement } from "./vpc-function";

export interface EfsInitialiserProps extends LambdaPlacement {
  /** Octal permissions of the directories, e.g. "0750"; `keys` is always owner-only. */
  readonly directoryPermissions: string;
  /** Absolute path of the operator's seed folder. @default no seed */
  readonly seedDir?: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

export class EfsInitialiser extends Construct {
  /** Depend on this to start only after the share is initialised. */
  public readonly invocation: ITerraformDependable;
  public readonly functionName: string;
  /** Hash of the seed's paths and contents (what re-runs the invocation). */
  public readonly seedHash: string;

  constructor(scope: Construct, id: string, props: EfsInitialiserProps) {
    super(scope, id);
    const code = new LambdaPackage(this, "package", { name: "efs-initialiser", ...(props.seedDir ? { seedDir: props.seedDir } : {}) });
    const environment = {
      PI_EFS_MOUNT_PATH: EFS_MOUNT_PATH,
      PI_EFS_DIRECTORIES: PANINTELLIGENCE_DIRECTORIES.map((dir) => (dir === "keys" ? "keys:0700" : dir)).join(","),
      PI_EFS_DIR_MODE: props.directoryPermissions.padStart(4, "0"),
      PI_EFS_UID: String(props.uid),
      PI_EFS_GID: String(props.gid),
      PI_LOCK_STALE_SECONDS: String(props.timeoutSeconds),
    };
    const fn = new VpcFunction(this, "function", {
      functionName: `${props.prefix}-efs-init`,
      description: "Creates the Panintelligence EFS directories and seeds absent files (never deletes)",
      package: code,
      region: props.region,
      accountId: props.accountId,
      vpcId: props.vpcId,
      subnetIds: props.subnetIds,
      fileStorage: props.fileStorage,
      accessPoint: props.fileStorage.initialiserAccessPoint,
      environment,
      timeoutSeconds: props.timeoutSeconds,
      memoryMb: props.memoryMb,
      logRetentionDays: props.logRetentionDays,
    });

    this.seedHash = code.zip.seedHash ?? "";
    // A changed trigger replaces the invocation, i.e. runs the function again: on a new seed or a new layout only.
    // A new code hash alone does not re-run it (the handler is idempotent, so it would be harmless, but pointless).
    const layout = createHash("sha256").update(JSON.stringify(environment)).digest("hex").slice(0, 16);
    const invocation = new LambdaInvocation(this, "run", {
      functionName: fn.functionName,
      input: Fn.jsonencode({}),
      triggers: { seed: this.seedHash, layout },
      dependsOn: [...fn.ready],
    });
    new TerraformOutput(this, "efs_initialiser_result", {
      staticId: true,
      value: Fn.jsondecode(invocation.result),
      description: "What the EFS initialiser did on its last run: created, copied, skipped, noop, elapsed.",
    });
    this.invocation = invocation;
    this.functionName = fn.functionName;
  }
}
