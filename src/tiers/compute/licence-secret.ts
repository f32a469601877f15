/**
 * The licence secret PI_LICENCE comes from. ECS cannot start a task whose secret has no current value, so a secret
 * created empty would stop the first deploy until someone puts the licence. The stack therefore writes one placeholder
 * version when it creates the secret: the dashboard starts at once and shows "invalid licence" (what the vendor
 * documents for a failed licence check) until the operator puts the real value (docs/runbooks/licence.md), which the
 * rotation-aware redeploy rolls out.
 *
 * Terraform never writes the value again: `ignore_changes` covers the value and the staging labels (the operator's
 * put moves AWSCURRENT away), and the extra label keeps the placeholder version from ever becoming a label-less,
 * deletable version that Terraform would recreate as AWSCURRENT over the real licence.
 */
import type { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { LICENCE_PLACEHOLDER } from "../../secrets/licence-placeholder";

/** Staging label that pins the placeholder version (never deprecated, never deleted by Secrets Manager). */
export const LICENCE_PLACEHOLDER_STAGE = "PI_PLACEHOLDER";

/** The licence secret as the services see it. */
export interface LicenceSecret {
  readonly secretArn: string;
  /** True when this stack created the secret (the operator puts the licence). */
  readonly created: boolean;
  /** What a task must wait for: the placeholder version (nothing for an existing secret). */
  readonly ready: readonly ITerraformDependable[];
}

/**
 * The configured secret, or a new one with the placeholder version. Declared in `scope` under the ids `licence` and
 * `licence_placeholder`, so the secret keeps the address it had before the placeholder existed.
 * @param existingSecretArn an existing secret that already holds the licence
 */
export function licenceSecret(scope: Construct, prefix: string, existingSecretArn?: string): LicenceSecret {
  if (existingSecretArn) return { secretArn: existingSecretArn, created: false, ready: [] };
  const secret = new SecretsmanagerSecret(scope, "licence", {
    namePrefix: `${prefix}-licence-`,
    description: `Panintelligence licence (PI_LICENCE) of ${prefix}: ALM customer key or the offline licence on one line`,
    tags: { Name: `${prefix}-licence` },
  });
  const placeholder = new SecretsmanagerSecretVersion(scope, "licence_placeholder", {
    secretId: secret.id,
    secretString: LICENCE_PLACEHOLDER,
    versionStages: ["AWSCURRENT", LICENCE_PLACEHOLDER_STAGE],
    lifecycle: { ignoreChanges: ["secret_string", "version_stages"] },
  });
  return { secretArn: secret.arn, created: true, ready: [placeholder] };
}
