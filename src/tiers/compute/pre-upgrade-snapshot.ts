/**
 * A manual RDS snapshot per Panintelligence version, taken before any service rolls to it. The dashboard may migrate
 * the repository schema when a new version first starts, and rolling the image back does not undo that: this snapshot
 * is what a rollback restores (docs/runbooks/upgrade.md). Its name carries the dashboard's version, so a version change
 * replaces it: Terraform takes the new snapshot first and waits until it is available (create before destroy), the
 * services depend on it, and only then deletes the previous version's snapshot (the automated backups and AWS Backup
 * keep the longer history). The first apply takes one of the new, empty schema.
 */
import { Construct } from "constructs";
import { Fn, Token, type ITerraformDependable } from "cdktf";
import { DbSnapshot } from "@cdktf/provider-aws/lib/db-snapshot";

export interface PreUpgradeSnapshotProps {
  /** Resource-name prefix (`<project>-<environment>`). */
  readonly prefix: string;
  readonly dbInstanceIdentifier: string;
  /** The DB instance: the identifier is a plain name, so the order comes from here. */
  readonly instance: ITerraformDependable;
  /** The dashboard's image tag: the version the schema is about to be migrated to. */
  readonly version: string;
}

/** `<prefix>-pre-<version>` as an RDS snapshot identifier allows (letters, digits, single hyphens). */
export function preUpgradeSnapshotName(prefix: string, version: string): string {
  if (Token.isUnresolved(version)) {
    return `${prefix}-pre-${Token.asString(Fn.trim(Fn.replace(version, "/[^a-zA-Z0-9]+/", "-"), "-"))}`;
  }
  return `${prefix}-pre-${version.replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-+|-+$/g, "")}`;
}

export class PreUpgradeSnapshot extends Construct {
  public readonly snapshot: DbSnapshot;

  constructor(scope: Construct, id: string, props: PreUpgradeSnapshotProps) {
    super(scope, id);
    this.snapshot = new DbSnapshot(this, "snapshot", {
      dbInstanceIdentifier: props.dbInstanceIdentifier,
      dbSnapshotIdentifier: preUpgradeSnapshotName(props.prefix, props.version),
      tags: { Name: `${props.prefix}-pre-upgrade`, Purpose: "pre-upgrade", Version: props.version },
      lifecycle: { createBeforeDestroy: true },
      dependsOn: [props.instance],
      // a large repository takes a while; the default 20 minutes would fail the upgrade's apply
      timeouts: { create: "60m" },
    });
  }
}
