import { isUnknown, type Context, type Resource, type Rule, type Value, type Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { isInternet, portRange, protocolOf } from "./lib/network";
import { blocks, bool, list, str } from "./lib/values";

/** Administrative ports a NACL must not open to the internet (FTP data/control, SSH, RDP), with checkov's check for each. */
const ADMIN_PORTS: readonly (readonly [number, string])[] = [
  [20, "CKV_AWS_230"],
  [21, "CKV_AWS_229"],
  [22, "CKV_AWS_232"],
  [3389, "CKV_AWS_231"],
];
const PORT_REFS = ["AWS-0105", "EC2.21"];

interface AclEntry {
  readonly label: string;
  readonly egress: boolean | ReturnType<typeof bool>;
  readonly action: Value;
  readonly protocol: Value;
  readonly networks: readonly Value[];
  readonly from: Value;
  readonly to: Value;
}

function entriesOf(resource: Resource): readonly AclEntry[] {
  const v = resource.values;
  if (resource.type === "aws_network_acl_rule") {
    return [
      {
        label: "rule",
        egress: bool(v.egress) ?? false,
        action: v.rule_action,
        protocol: v.protocol,
        networks: [...list(v.cidr_block), ...list(v.ipv6_cidr_block)],
        from: v.from_port,
        to: v.to_port,
      },
    ];
  }
  return (["ingress", "egress"] as const).flatMap((d) =>
    blocks(v[d]).map((b, i) => ({
      label: `${d}[${i}]`,
      egress: d === "egress",
      action: b.action,
      protocol: b.protocol,
      networks: [...list(b.cidr_block), ...list(b.ipv6_cidr_block)],
      from: b.from_port,
      to: b.to_port,
    })),
  );
}

/** Each allow entry is judged alone, as trivy and checkov do: a deny with a lower number does not rescue it. */
function judgeEntry(e: AclEntry, a: Assessment): void {
  const action = str(e.action);
  if (isUnknown(action)) return void a.unknown(`${e.label}: action ${action.reason}`);
  if (action?.toLowerCase() !== "allow") return;
  const protocol = protocolOf(e.protocol);
  const internetIngress = e.egress === false && list(e.networks).some(isInternet);
  if (isUnknown(protocol)) return void a.unknown(`${e.label}: protocol ${protocol.reason}`);
  if (protocol === "all") {
    // all protocols means all ports (AWS ignores from/to_port), so from the internet it also opens every admin port
    const refs =
      e.egress === false ? ["CKV_AWS_352", "AWS-0102", ...(internetIngress ? [...ADMIN_PORTS.map(([, id]) => id), ...PORT_REFS] : [])] : ["AWS-0102"];
    return void a.fail(`${e.label}: allow with protocol ${JSON.stringify(e.protocol)}, expected a specific protocol`, refs);
  }
  if (!internetIngress || (protocol !== "tcp" && protocol !== "udp")) return;
  const range = portRange(protocol, e.from, e.to);
  if (isUnknown(range)) return void a.unknown(`${e.label}: ports ${range.reason}`, [...ADMIN_PORTS.map(([, id]) => id), ...PORT_REFS]);
  const covered = ADMIN_PORTS.filter(([p]) => p >= range[0] && p <= range[1]);
  if (covered.length)
    a.fail(
      `${e.label}: allows ${protocol} ${range[0]}-${range[1]} from the internet, covering port(s) ${covered.map(([p]) => p).join(", ")}; expected ranges that exclude 20, 21, 22 and 3389 (split 1024-3388, 3390-65535)`,
      [...covered.map(([, id]) => id), ...PORT_REFS],
    );
}

/** NACLRestrictive: NACLs are associated, never allow all protocols, never open admin ports to the internet. */
export const naclRestrictive: Rule = {
  id: "PI-NET-005",
  title: "Network ACLs are associated and never open all protocols or admin ports to the internet",
  severity: "MEDIUM",
  resourceTypes: ["aws_network_acl", "aws_network_acl_rule"],
  relatedTypes: ["aws_network_acl_association"],
  defaultEnabled: true,
  externalIds: {
    checkov: ["CKV2_AWS_1", "CKV_AWS_229", "CKV_AWS_230", "CKV_AWS_231", "CKV_AWS_232", "CKV_AWS_352"],
    trivy: ["AWS-0102", "AWS-0105"],
    securityHub: ["EC2.21"],
    cdkNag: [],
  },
  rationale: "NACLs are the stateless second fence; an ephemeral range that includes 3389 or an all-protocol allow defeats it.",
  check(resource: Resource, ctx: Context): Verdict {
    const a = new Assessment();
    if (resource.type === "aws_network_acl") {
      const associated =
        list(resource.values.subnet_ids).length > 0 ||
        ctx.resourcesOfType("aws_network_acl_association").some((x) => ctx.refersTo(x.values.network_acl_id, resource));
      if (!associated) a.fail("subnet_ids is empty and no aws_network_acl_association references it; expected an association with subnets", ["CKV2_AWS_1"]);
    }
    for (const entry of entriesOf(resource)) judgeEntry(entry, a);
    return a.verdict("associated; no all-protocol allow and no admin port open to the internet");
  },
};
