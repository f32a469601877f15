/**
 * Waivers that follow from an explicit choice in the configuration. The rule pack judges every stack by the production
 * profile; where the operator chose otherwise (an ephemeral environment, TLS to the database not yet forced) the
 * finding is reported as WAIVED with the setting that explains it, never as passed. Listed in the README.
 */
import type { Waiver } from "./schema/policy";
import type { EnvironmentConfig } from "./schema/resolve";

export function designWaivers(env: EnvironmentConfig): Waiver[] {
  const waivers: Waiver[] = [];
  const waive = (rule: string, reason: string) => waivers.push({ rule, reason });
  if (!env.database.requireSecureTransport) {
    waive("PI-RDS-008", "database.requireSecureTransport is off: Panintelligence's JDBC TLS settings are undocumented (README: TLS to the database); the database is reachable only from the service security groups in the data subnets");
  }
  if (!env.database.multiAz) waive("PI-RDS-003", "database.multiAz is off (default for lifecycle: ephemeral): a single-AZ database by choice");
  if (env.lifecycle === "ephemeral") {
    waive("PI-RDS-005", "lifecycle: ephemeral: no deletion protection and no final snapshot, so `terraform destroy` works without a script");
    waive("PI-ALB-005", "lifecycle: ephemeral: the load balancer must be destroyable");
  }
  if (!env.edge.waf.enabled) waive("PI-WAF-001", "edge.waf.enabled is off (default for lifecycle: ephemeral): no web ACL in front of the load balancer by choice");
  if (env.network.mode === "existing" && env.network.availabilityZones && new Set(env.network.availabilityZones).size >= 2) {
    const reason = `existing VPC: the subnets are not in the stack; network.availabilityZones says they span ${env.network.availabilityZones.join(", ")}`;
    waive("PI-ALB-006", reason);
    waive("PI-LAM-002", reason);
  }
  return waivers;
}

/** Every waiver for an environment: the operator's, then those its settings imply. */
export function waiversFor(env: EnvironmentConfig): Waiver[] {
  return [...env.policy.waivers, ...designWaivers(env)];
}
