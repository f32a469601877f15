/** The data tier's Terraform outputs: what operators and the runbook need, never a secret value. */
import type { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import type { Backup } from "./backup";
import type { Database } from "./database";
import type { FileStorage } from "./file-storage";

export interface DataOutputsProps {
  readonly database: Database;
  readonly fileStorage: FileStorage;
  readonly backup: Backup;
}

export function addDataOutputs(scope: Construct, { database, fileStorage, backup }: DataOutputsProps): void {
  const output = (name: string, value: unknown, description: string) => new TerraformOutput(scope, name, { value, description });
  output("db_address", database.address, "Host name of the MariaDB repository (PI_DB_HOST), without the port.");
  output("db_port", database.port, "Port of the MariaDB repository (PI_DB_PORT).");
  output("db_endpoint", database.endpoint, "address:port of the MariaDB repository.");
  output("db_schema_name", database.schemaName, "Schema the dashboard uses (PI_DB_SCHEMA_NAME).");
  output("db_instance_identifier", database.instanceIdentifier, "RDS instance identifier, for aws rds commands (see docs/runbooks/restore.md).");
  output(
    "db_master_secret_arn",
    database.masterSecretArn,
    "ARN of the RDS-managed Secrets Manager secret with the master username and password (the ARN only, never the value).",
  );
  output("efs_file_system_id", fileStorage.fileSystemId, "Id of the EFS file system holding the Panintelligence directories.");
  output(
    "efs_access_point_ids",
    Object.fromEntries(Object.entries(fileStorage.accessPoints).map(([dir, ap]) => [dir, ap.id])),
    "EFS access-point ids by Panintelligence directory (themes, images, files, svg, locale, custom_jdbc, keys, excel-data).",
  );
  output("efs_initialiser_access_point_id", fileStorage.initialiserAccessPoint.id, "EFS access point at the parent directory, for the initialising Lambda.");
  output("backup_vault_name", backup.vaultName, "AWS Backup vault with the database and file-system recovery points.");
  output("backup_role_arn", backup.roleArn, "Role AWS Backup uses; pass it as --iam-role-arn when starting a restore job.");
}
