/** The environment's lifecycle mode, as the data tier reads it. */
import type { ParsedEnvironment } from "../../config/schema/environment";

/**
 * `protect`: deletion protection, final snapshots, Terraform prevent_destroy, long log retention.
 * `ephemeral`: everything goes with `terraform destroy` (no final snapshot, the vault with its recovery points).
 */
export type Lifecycle = ParsedEnvironment["lifecycle"];
