/**
 * Waivers that follow from an explicit choice in the configuration. The rule pack judges every stack by the production
 * profile; where the operator chose otherwise (an ephemeral environment, TLS to the database not yet forced) the
 * finding is reported as WAIVED with the setting that explains it, never as passed. Listed in the README.
 */
import { egressFlows, egressRuleAddress } from "./egress-flows";
import type { Waiver } from "./schema/policy";
import type { EnvironmentConfig } from "./schema/resolve";

export function designWaivers(env: EnvironmentConfig): Waiver[] {
  const waivers: Waiver[] = [];
  const waive = (rule: string, reason: string) => waivers.push({ rule, reason });
  if (!env.database.requireSecureTransport) {
    waive(
      "PI-RDS-008",
      "database.requireSecureTransport is off: Panintelligence's JDBC TLS settings are undocumented (README: TLS to the database); the database is reachable only from the service security groups in the data subnets",
    );
  }
  if (!env.database.multiAz) waive("PI-RDS-003", "database.multiAz is off (default for lifecycle: ephemeral): a single-AZ database by choice");
  if (env.lifecycle === "ephemeral") {
    waive("PI-RDS-005", "lifecycle: ephemeral: no deletion protection and no final snapshot, so `terraform destroy` works without a script");
    waive("PI-ALB-005", "lifecycle: ephemeral: the load balancer must be destroyable");
  }
  if (!env.edge.waf.enabled)
    waive("PI-WAF-001", "edge.waf.enabled is off (default for lifecycle: ephemeral): no web ACL in front of the load balancer by choice");
  if (env.network.mode === "existing" && env.network.availabilityZones && new Set(env.network.availabilityZones).size >= 2) {
    const reason = `existing VPC: the subnets are not in the stack; network.availabilityZones says they span ${env.network.availabilityZones.join(", ")}`;
    waive("PI-ALB-006", reason);
    waive("PI-LAM-002", reason);
  }
  // Egress beyond 443 that the operator declared (data sources, mail): waived rule by rule, never the rule as a whole.
  const running = { dashboard: true, scheduler: env.compute.scheduler.enabled, pirana: env.compute.pirana.enabled };
  for (const flow of egressFlows(env.compute, env.network)) {
    for (const service of flow.services.filter((s) => running[s])) {
      if (flow.port === 443 || "securityGroupId" in flow.destination) continue; // PI-NET-007 passes these anyway
      waivers.push({ rule: "PI-NET-007", resource: egressRuleAddress(service, flow), reason: `${flow.setting} asks for ${service} egress on ${flow.port}` });
    }
  }
  return waivers;
}

/** Every waiver for an environment: the operator's, then those its settings imply. */
export function waiversFor(env: EnvironmentConfig): Waiver[] {
  return [...env.policy.waivers, ...designWaivers(env)];
}
