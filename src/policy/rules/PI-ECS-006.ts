import type { Resource, Rule, Verdict } from "../model";
import { Assessment, notApplicable } from "./lib/assessment";
import { blocks, first, str } from "./lib/values";

/** ECSEfsVolumeSecured: TLS in transit and IAM authorisation through an access point. */
export const ecsEfsVolumeSecured: Rule = {
  id: "PI-ECS-006",
  title: "EFS volumes of task definitions use transit encryption, IAM authorisation and an access point",
  severity: "HIGH",
  resourceTypes: ["aws_ecs_task_definition"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_97"], trivy: ["AWS-0035"], securityHub: ["ECS.18"], cdkNag: [] },
  rationale: "NFS is clear text without TLS; IAM plus an access point pins each task to its directory and identity.",
  check(td: Resource): Verdict {
    const volumes = blocks(td.values.volume).filter((v) => first(v.efs_volume_configuration));
    if (volumes.length === 0) return notApplicable("no EFS volume");
    const a = new Assessment();
    for (const volume of volumes) {
      const efs = first(volume.efs_volume_configuration) ?? {};
      const auth = first(efs.authorization_config);
      const label = `volume[${String(volume.name)}].efs_volume_configuration`;
      a.expect(`${label}.transit_encryption`, str(efs.transit_encryption), (v) => v === "ENABLED", '"ENABLED"');
      a.expect(`${label}.authorization_config.iam`, str(auth?.iam), (v) => v === "ENABLED", '"ENABLED"');
      if (auth?.access_point_id == null) a.fail(`${label}.authorization_config.access_point_id is absent, expected an aws_efs_access_point`);
    }
    return a.verdict("EFS volumes use TLS, IAM and an access point");
  },
};
