/** Preflight checks of the `edge` section that need more than one field (no AWS call). Paths are env-relative. */
import type { ConfigIssue } from "./issues";
import type { EdgeConfig } from "./schema/edge";

/** What the edge checks read from the environment. */
export interface EdgeCheckInput {
  readonly region: string;
  readonly network: { readonly mode: "create" | "existing" };
  readonly edge: EdgeConfig;
}

export function checkEdge(env: EdgeCheckInput): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { edge } = env;

  if (edge.certificateArn) {
    const region = edge.certificateArn.split(":")[3];
    if (region !== env.region) {
      issues.push({
        path: "edge.certificateArn",
        message: `is in region ${region}, but a load balancer can only use an ACM certificate from its own region (${env.region}); import or request it there`,
        value: edge.certificateArn,
      });
    }
  }

  const seen = new Set([edge.domainName]);
  edge.subjectAlternativeNames.forEach((name, i) => {
    if (seen.has(name)) {
      issues.push({ path: `edge.subjectAlternativeNames[${i}]`, message: "repeats domainName or another alternative name; list each name once", value: name });
    }
    seen.add(name);
  });

  if (edge.ipAddressType === "dualstack" && env.network.mode === "create") {
    issues.push({
      path: "edge.ipAddressType",
      message: "dualstack needs IPv6 on the public subnets, and the VPC this tool creates is IPv4-only; use ipv4, or network.mode existing with IPv6 subnets",
      value: edge.ipAddressType,
    });
  }

  if (edge.ingressCidrs.ipv4.length === 0 && (edge.ingressCidrs.ipv6.length === 0 || edge.ipAddressType === "ipv4")) {
    issues.push({
      path: "edge.ingressCidrs",
      message: "allows nobody to reach the load balancer; give at least one IPv4 range (or IPv6 with ipAddressType dualstack)",
      value: edge.ingressCidrs,
    });
  }
  return issues;
}
