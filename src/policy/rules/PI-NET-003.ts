import type { Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { bool } from "./lib/values";

/** SubnetNoAutoPublicIp: nothing in our design needs an automatic public IP (ALB and NAT bring their own). */
export const subnetNoAutoPublicIp: Rule = {
  id: "PI-NET-003",
  title: "Subnets do not assign public IPs on launch",
  severity: "MEDIUM",
  resourceTypes: ["aws_subnet"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_130"], trivy: ["AWS-0164"], securityHub: ["EC2.15", "EFS.6"], cdkNag: [] },
  rationale: "An automatic public IP exposes any ENI placed in the subnet, including EFS mount targets and tasks.",
  check(subnet: Resource): Verdict {
    return new Assessment()
      .expect("map_public_ip_on_launch", bool(subnet.values.map_public_ip_on_launch), (v) => v !== true, "absent or false")
      .verdict("map_public_ip_on_launch is absent or false");
  },
};
