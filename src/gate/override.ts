/**
 * The override file that lets a stack plan offline: dummy credentials, the AWS provider's skip_* flags, no account
 * allow-list (there is no account to check), and a local backend in the scratch directory.
 */
export const GATE_OVERRIDE_FILE = "zz_gate_override.tf.json";

export function gateOverride(options: { readonly backend?: boolean } = {}): Record<string, unknown> {
  return {
    provider: {
      aws: {
        access_key: "gate-offline",
        secret_key: "gate-offline",
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
        allowed_account_ids: null,
      },
    },
    // A root module without a backend block (the module examples) keeps Terraform's default local state.
    ...(options.backend === false ? {} : { terraform: { backend: { local: { path: "terraform.tfstate" } } } }),
  };
}
