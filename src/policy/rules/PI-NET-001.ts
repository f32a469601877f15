import { isExpression } from "../../hcl/template";
import { isUnknown, type Context, type Resource, type Rule, type Verdict } from "../model";
import { Assessment, bestOf } from "./lib/assessment";
import { str } from "./lib/values";

function judgeFlowLog(log: Resource): Verdict {
  return new Assessment()
    .expect(`${log.address}.traffic_type`, str(log.values.traffic_type), (v) => v === "ALL" || v === "REJECT", '"ALL" (REJECT tolerated)')
    .expectSet(`${log.address}.log_destination`, log.values.log_destination ?? log.values.log_group_name, "a log destination")
    .verdict(`${log.address} captures traffic_type ${String(log.values.traffic_type)}`);
}

/** VPCFlowLogsEnabled: every VPC has a flow log, followed through `vpc_id`. */
export const vpcFlowLogsEnabled: Rule = {
  id: "PI-NET-001",
  title: "Every VPC has a flow log capturing all traffic",
  severity: "MEDIUM",
  resourceTypes: ["aws_vpc"],
  relatedTypes: ["aws_flow_log"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV2_AWS_11"], trivy: ["AWS-0178"], securityHub: ["EC2.6"], cdkNag: ["AwsSolutions-VPC7"] },
  rationale: "Flow logs are the only record of accepted and rejected connections for incident response.",
  check(vpc: Resource, ctx: Context): Verdict {
    const logs = ctx.resourcesOfType("aws_flow_log");
    const mine = logs.filter((l) => ctx.refersTo(l.values.vpc_id, vpc));
    const unresolved = logs.filter((l) => isUnknown(l.values.vpc_id) || (isExpression(l.values.vpc_id) && !ctx.resolve(l.values.vpc_id)?.resource));
    const none: Verdict = unresolved.length
      ? { status: "UNKNOWN", message: `${unresolved[0].address}.vpc_id cannot be resolved; expected an aws_flow_log with vpc_id = \${${vpc.address}.id}` }
      : { status: "FAIL", message: `no aws_flow_log has vpc_id = \${${vpc.address}.id}; expected one with traffic_type ALL and a destination` };
    return bestOf(mine.map(judgeFlowLog), none);
  },
};
