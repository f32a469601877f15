/**
 * Which AWS provider `endpoints` key serves each resource type the stacks and modules create. A type missing here is
 * an error naming it, so a new service cannot silently talk to real AWS (or fail to resolve) during a rehearsal.
 */

/** Resource-type prefix (`aws_<prefix>_…`) → the provider's endpoints key(s). Longest prefix wins. */
const ENDPOINTS_BY_PREFIX: Readonly<Record<string, readonly string[]>> = {
  acm: ["acm"],
  appautoscaling: ["appautoscaling"],
  backup: ["backup"],
  cloudwatch_dashboard: ["cloudwatch"],
  cloudwatch_metric_alarm: ["cloudwatch"],
  cloudwatch_event: ["events"],
  cloudwatch_log: ["logs"],
  db: ["rds"],
  rds: ["rds"],
  default_security_group: ["ec2"],
  default_network_acl: ["ec2"],
  default_route_table: ["ec2"],
  ecs: ["ecs"],
  efs: ["efs"],
  eip: ["ec2"],
  flow_log: ["ec2"],
  iam: ["iam"],
  internet_gateway: ["ec2"],
  egress_only_internet_gateway: ["ec2"],
  kms: ["kms"],
  lambda: ["lambda"],
  lb: ["elbv2"],
  nat_gateway: ["ec2"],
  network_acl: ["ec2"],
  route53: ["route53"],
  route: ["ec2"],
  s3: ["s3"],
  secretsmanager: ["secretsmanager"],
  security_group: ["ec2"],
  service_discovery: ["servicediscovery"],
  sns: ["sns"],
  sqs: ["sqs"],
  ssm: ["ssm"],
  subnet: ["ec2"],
  vpc: ["ec2"],
  wafv2: ["wafv2"],
};

/** Services every rehearsal needs whatever the resources (the provider's account lookups). */
const ALWAYS = ["sts"];

/** Terraform's own resource types that call no AWS API. */
const BUILT_IN = new Set(["terraform_data"]);

/** The endpoints keys for a set of resource types; throws naming every type the table does not know. */
export function endpointsFor(resourceTypes: Iterable<string>): string[] {
  const keys = new Set(ALWAYS);
  const unknown: string[] = [];
  for (const type of resourceTypes) {
    if (BUILT_IN.has(type)) continue;
    const name = type.replace(/^aws_/, "");
    const prefix = Object.keys(ENDPOINTS_BY_PREFIX)
      .filter((p) => name === p || name.startsWith(`${p}_`))
      .sort((a, b) => b.length - a.length)[0];
    if (prefix === undefined) unknown.push(type);
    else for (const key of ENDPOINTS_BY_PREFIX[prefix]) keys.add(key);
  }
  if (unknown.length > 0) {
    throw new Error(`rehearse: no emulator endpoint is known for ${unknown.sort().join(", ")}; add the service to src/rehearse/endpoints.ts`);
  }
  return [...keys].sort();
}
