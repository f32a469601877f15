/**
 * Image access, checked before anything is written (no AWS call). Panintelligence's images on ghcr.io are private:
 * access is granted per customer (vendor facts §1), so a task that pulls them without registry credentials fails with
 * CannotPullContainerError and the first deploy never starts. Paths are env-relative.
 */
import type { ConfigIssue } from "./issues";
import type { ComputeConfig } from "./schema/compute";

/** The registry host whose images need credentials unless the operator says they are public. */
export const PRIVATE_REGISTRY_HOST = "ghcr.io";

const SERVICES = ["dashboard", "scheduler", "renderer", "pirana"] as const;

export function checkImages(env: { readonly compute: ComputeConfig }): ConfigIssue[] {
  const { compute } = env;
  if (compute.registryCredentialsSecretArn || compute.images.public) return [];
  return SERVICES.filter((service) => service === "dashboard" || compute[service].enabled)
    .filter((service) => compute[service].repository.split("/")[0] === PRIVATE_REGISTRY_HOST)
    .map((service) => ({
      path: `compute.${service}.repository`,
      value: compute[service].repository,
      message:
        `pulls from ${PRIVATE_REGISTRY_HOST}, where Panintelligence's images are private, but compute.registryCredentialsSecretArn is not set: ` +
        "every task would fail with CannotPullContainerError. Set compute.registryCredentialsSecretArn (a secret with the GitHub " +
        "username and token Panintelligence granted access), or mirror the images to ECR (docs/runbooks/ecr-mirror.md) and set " +
        `compute.${service}.repository to the ECR repository, or set compute.images.public: true if this repository is public`,
    }));
}
