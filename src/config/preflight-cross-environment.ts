/**
 * Checks across environments of one file: settings that are fine alone but dangerous together. Two environments on one
 * state (applying one plans to destroy the other), on one DNS name (the second apply fails on the record, or takes the
 * first one's traffic), or with one resource prefix (their resources and IAM scopes collide).
 */
import { normalize } from "node:path";
import type { ConfigIssue } from "./issues";
import type { EnvironmentConfig } from "./schema/resolve";

export function checkAcrossEnvironments(environments: readonly EnvironmentConfig[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const firstBy = (what: string, key: string, env: EnvironmentConfig): EnvironmentConfig | undefined => {
    const map = (seen[what] ??= new Map<string, EnvironmentConfig>());
    const earlier = map.get(key);
    if (!earlier) map.set(key, env);
    return earlier;
  };
  const seen: Record<string, Map<string, EnvironmentConfig>> = {};
  for (const env of environments) {
    const base = `environments.${env.name}`;
    const { state } = env;
    const stateKey = state.backend === "local" ? `local:${normalize(state.path)}` : `s3:${state.bucket}/${normalize(state.key)}`;
    const sharedState = firstBy("state", stateKey, env);
    if (sharedState) {
      issues.push({
        path: `${base}.state.${state.backend === "local" ? "path" : "key"}`,
        message:
          `is the same state as environment ${sharedState.name} (${state.backend === "local" ? state.path : `s3://${state.bucket}/${state.key}`}): ` +
          "applying one would plan to destroy the other's resources; give each environment its own state",
        value: state.backend === "local" ? state.path : state.key,
      });
    }
    for (const [i, name] of [env.edge.domainName, ...env.edge.subjectAlternativeNames].entries()) {
      const sharedName = firstBy("domain", `${env.edge.hostedZoneId}/${name}`, env);
      if (sharedName && sharedName !== env) {
        issues.push({
          path: i === 0 ? `${base}.edge.domainName` : `${base}.edge.subjectAlternativeNames[${i - 1}]`,
          message: `is also served by environment ${sharedName.name} in hosted zone ${env.edge.hostedZoneId}: one DNS name reaches one environment; give each its own name`,
          value: name,
        });
      }
    }
    const sharedPrefix = firstBy("prefix", env.prefix, env);
    if (sharedPrefix) {
      issues.push({
        path: base,
        message: `has the resource-name prefix "${env.prefix}" of environment ${sharedPrefix.name}: their resources would collide; rename one`,
      });
    }
  }
  return issues;
}
