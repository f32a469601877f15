import { describe, expect, test } from "vitest";
import { fileSystemPolicy } from "../../src/tiers/data/file-system-policy";
import { PANINTELLIGENCE_DIRECTORIES } from "../../src/tiers/data/file-storage";
import { blocks, ref, resourcesOf } from "../support/synth";
import { EXISTING_NETWORK, only, synthData, tierResources } from "../support/data-tier";

const fileSystemOf = (environment: Record<string, unknown> = {}) => only(synthData(environment), "aws_efs_file_system", "file_storage");

describe("FileStorage: the file system", () => {
  test("encrypted, elastic throughput by default", () => {
    expect(fileSystemOf()[1]).toMatchObject({ encrypted: true, throughput_mode: "elastic", performance_mode: "generalPurpose" });
    expect(fileSystemOf({ fileStorage: { throughputMode: "bursting" } })[1].throughput_mode).toBe("bursting");
  });

  test("files move to Infrequent Access after 30 days and back on their first access", () => {
    expect(blocks(fileSystemOf()[1].lifecycle_policy)).toEqual([
      { transition_to_ia: "AFTER_30_DAYS" },
      { transition_to_primary_storage_class: "AFTER_1_ACCESS" },
    ]);
    expect(blocks(fileSystemOf({ fileStorage: { transitionToIaDays: 1 } })[1].lifecycle_policy)[0]).toEqual({ transition_to_ia: "AFTER_1_DAY" });
    expect(blocks(fileSystemOf({ fileStorage: { transitionToIaDays: 90 } })[1].lifecycle_policy)[0]).toEqual({ transition_to_ia: "AFTER_90_DAYS" });
  });

  test("protect: prevent_destroy; ephemeral: destroyable", () => {
    expect(fileSystemOf()[1].lifecycle.prevent_destroy).toBe(true);
    expect(fileSystemOf({ lifecycle: "ephemeral" })[1].lifecycle.prevent_destroy).toBeFalsy();
  });
});

describe("FileStorage: mount targets and security group", () => {
  test("one mount target in each app subnet (count over the subnet list), behind the file system's security group", () => {
    const json = synthData({ network: { mode: "create", azCount: 3 } });
    const [fsName] = only(json, "aws_efs_file_system", "file_storage");
    const [sgName] = only(json, "aws_security_group", "file_storage");
    const appSubnets = resourcesOf(json, "aws_subnet")
      .filter(([, s]) => s.tags.Tier === "app")
      .map(([name]) => `aws_subnet.${name}.id`);
    expect(appSubnets).toHaveLength(3);
    const [[, target]] = tierResources(json, "aws_efs_mount_target", "file_storage");
    const list = `[${appSubnets.join(", ")}]`;
    expect(target).toMatchObject({
      count: `\${length(${list})}`,
      subnet_id: `\${element(${list}, count.index)}`,
      file_system_id: ref("aws_efs_file_system", fsName),
      security_groups: [ref("aws_security_group", sgName)],
    });
  });

  test("existing VPC: mount targets in the given app subnets, the group in the given VPC", () => {
    const json = synthData({ network: EXISTING_NETWORK });
    const [[, target]] = tierResources(json, "aws_efs_mount_target", "file_storage");
    const list = `[${EXISTING_NETWORK.subnetIds.app.map((id) => JSON.stringify(id)).join(", ")}]`;
    expect(target).toMatchObject({ count: `\${length(${list})}`, subnet_id: `\${element(${list}, count.index)}` });
    expect(only(json, "aws_security_group", "file_storage")[1].vpc_id).toBe(EXISTING_NETWORK.vpcId);
  });

  test("the security group has no inline rules; every ingress rule is NFS from a named client group, never a CIDR", () => {
    const json = synthData();
    const [sgName, sg] = only(json, "aws_security_group", "file_storage");
    expect(blocks(sg.ingress)).toEqual([]);
    expect(blocks(sg.egress)).toEqual([]);
    for (const [, rule] of resourcesOf(json, "aws_vpc_security_group_ingress_rule").filter(
      ([, r]) => r.security_group_id === ref("aws_security_group", sgName),
    )) {
      expect(rule).toMatchObject({ ip_protocol: "tcp", from_port: 2049, to_port: 2049 });
      expect(rule.referenced_security_group_id).toMatch(/^\$\{aws_security_group\.|^sg-/);
      expect(Object.keys(rule).filter((k) => k.startsWith("cidr") || k.startsWith("prefix"))).toEqual([]);
    }
  });

  test("allowFrom admits NFS 2049 from the named client group only", () => {
    const json = synthData({}, ({ fileStorage }) => {
      fileStorage.allowFrom("sg-0bbbbbbbbbbbbbbb1", "dashboard tasks");
      fileStorage.allowFrom("sg-0bbbbbbbbbbbbbbb2", "scheduler tasks");
    });
    const [sgName] = only(json, "aws_security_group", "file_storage");
    const rules = tierResources(json, "aws_vpc_security_group_ingress_rule", "file_storage")
      .map(([, r]) => r)
      .filter((r) => String(r.referenced_security_group_id).startsWith("sg-0bbb"));
    expect(rules.map((r) => [r.referenced_security_group_id, r.from_port, r.to_port, r.ip_protocol, r.security_group_id, r.description])).toEqual([
      ["sg-0bbbbbbbbbbbbbbb1", 2049, 2049, "tcp", ref("aws_security_group", sgName), "dashboard tasks"],
      ["sg-0bbbbbbbbbbbbbbb2", 2049, 2049, "tcp", ref("aws_security_group", sgName), "scheduler tasks"],
    ]);
  });
});

describe("FileStorage: access points", () => {
  const accessPoints = (environment: Record<string, unknown> = {}): Record<string, Record<string, any>> =>
    Object.fromEntries(tierResources(synthData(environment), "aws_efs_access_point", "file_storage").map(([, ap]) => [blocks(ap.root_directory)[0].path, ap]));

  test("one access point per Panintelligence directory under /panintelligence, plus one at the parent", () => {
    const paths = Object.keys(accessPoints()).sort();
    expect(paths).toEqual(["/panintelligence", ...PANINTELLIGENCE_DIRECTORIES.map((d) => `/panintelligence/${d}`)].sort());
    expect(PANINTELLIGENCE_DIRECTORIES).toEqual(["themes", "images", "files", "svg", "locale", "custom_jdbc", "keys", "excel-data"]);
  });

  test("every access point enforces uid/gid 1000 and creates its directory owned by it; keys/ owner-only", () => {
    for (const [path, ap] of Object.entries(accessPoints())) {
      expect(blocks(ap.posix_user), path).toEqual([{ uid: 1000, gid: 1000 }]);
      const permissions = path.endsWith("/keys") ? "0700" : "0750";
      expect(blocks(blocks(ap.root_directory)[0].creation_info), path).toEqual([{ owner_uid: 1000, owner_gid: 1000, permissions }]);
    }
  });

  test("uid, gid, permissions and the parent directory come from config", () => {
    const aps = accessPoints({ fileStorage: { uid: 2001, gid: 3001, directoryPermissions: "0770", rootPath: "/pi/data" } });
    expect(Object.keys(aps)).toContain("/pi/data/keys");
    expect(Object.keys(aps)).toContain("/pi/data");
    for (const [path, ap] of Object.entries(aps)) {
      expect(blocks(ap.posix_user)).toEqual([{ uid: 2001, gid: 3001 }]);
      const permissions = path.endsWith("/keys") ? "0700" : "0770";
      expect(blocks(blocks(ap.root_directory)[0].creation_info)).toEqual([{ owner_uid: 2001, owner_gid: 3001, permissions }]);
    }
  });

  test("outputs: the file-system id and the access-point ids by directory name", () => {
    const json = synthData();
    const byPath = Object.fromEntries(
      tierResources(json, "aws_efs_access_point", "file_storage").map(([name, ap]) => [blocks(ap.root_directory)[0].path, name]),
    );
    expect(json.output?.efs_file_system_id.value).toBe(ref("aws_efs_file_system", only(json, "aws_efs_file_system", "file_storage")[0]));
    expect(json.output?.efs_access_point_ids.value).toEqual(
      Object.fromEntries(PANINTELLIGENCE_DIRECTORIES.map((d) => [d, ref("aws_efs_access_point", byPath[`/panintelligence/${d}`])])),
    );
    expect(json.output?.efs_initialiser_access_point_id.value).toBe(ref("aws_efs_access_point", byPath["/panintelligence"]));
    expect(json.output?.efs_access_point_ids.description).toMatch(/by Panintelligence directory/);
  });

  test("clientPolicyStatement grants mount (and write unless read-only) through the given access points only", () => {
    let statement: Record<string, any> = {};
    let readOnly: Record<string, any> = {};
    synthData({}, ({ fileStorage }) => {
      statement = fileStorage.clientPolicyStatement([fileStorage.accessPoints.keys, fileStorage.accessPoints.themes]);
      readOnly = fileStorage.clientPolicyStatement([fileStorage.accessPoints.locale], { readOnly: true });
      expect(statement.Resource).toBe(fileStorage.fileSystemArn);
      expect(statement.Condition.StringEquals["elasticfilesystem:AccessPointArn"]).toEqual([
        fileStorage.accessPoints.keys.arn,
        fileStorage.accessPoints.themes.arn,
      ]);
    });
    expect(statement.Action).toEqual(["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]);
    expect(readOnly.Action).toEqual(["elasticfilesystem:ClientMount"]);
  });
});

/**
 * A small evaluator of the file-system policy for one NFS request, with the client's own IAM policy allowing the action
 * (as an ECS task role or Lambda role does): an explicit deny wins; otherwise the account principal's allow, or the
 * identity allow, grants access.
 */
type Request = {
  action: string;
  secureTransport: boolean;
  accessPointArn?: string;
  viaMountTarget: boolean;
  principalAccount: string;
  identityAllows: boolean;
};
function decide(policy: Record<string, any>, request: Request): "allow" | "deny" | "implicit-deny" {
  const context: Record<string, string | undefined> = {
    "aws:SecureTransport": String(request.secureTransport),
    "elasticfilesystem:AccessPointArn": request.accessPointArn,
    "elasticfilesystem:AccessedViaMountTarget": String(request.viaMountTarget),
  };
  const list = (v: unknown) => (Array.isArray(v) ? v : [v]) as string[];
  const conditionHolds = (condition: Record<string, Record<string, unknown>> = {}) =>
    Object.entries(condition).every(([operator, tests]) =>
      Object.entries(tests).every(([key, expected]) => {
        const actual = context[key];
        switch (operator) {
          case "Bool":
          case "StringEquals":
            return actual !== undefined && list(expected).includes(actual);
          case "StringNotEquals":
            return actual === undefined || !list(expected).includes(actual);
          case "Null":
            return (actual === undefined) === (expected === "true");
          default:
            throw new Error(`operator ${operator} not modelled`);
        }
      }),
    );
  const matches = (statement: Record<string, any>) => {
    const principal = statement.Principal.AWS as string;
    const principalOk = principal === "*" || principal === `arn:aws:iam::${request.principalAccount}:root`;
    const actionOk = list(statement.Action).some((a) => a === "*" || a === request.action);
    return principalOk && actionOk && conditionHolds(statement.Condition);
  };
  const statements = policy.Statement as Record<string, any>[];
  if (statements.some((s) => s.Effect === "Deny" && matches(s))) return "deny";
  if (request.identityAllows || statements.some((s) => s.Effect === "Allow" && matches(s))) return "allow";
  return "implicit-deny";
}

describe("FileStorage: the file-system policy", () => {
  const ours = [
    "arn:aws:elasticfilesystem:eu-west-2:123456789012:access-point/fsap-0001",
    "arn:aws:elasticfilesystem:eu-west-2:123456789012:access-point/fsap-0002",
  ];
  const policy = fileSystemPolicy({
    fileSystemArn: "arn:aws:elasticfilesystem:eu-west-2:123456789012:file-system/fs-0001",
    accessPointArns: ours,
    accountId: "123456789012",
    partition: "aws",
  });
  // An ECS task (transit encryption + IAM authorisation + access point) or a Lambda (always TLS + IAM) mounting.
  const taskMount: Request = {
    action: "elasticfilesystem:ClientMount",
    secureTransport: true,
    accessPointArn: ours[0],
    viaMountTarget: true,
    principalAccount: "123456789012",
    identityAllows: true,
  };

  test("an ECS task or a Lambda mounting through one of our access points with TLS and IAM is allowed (mount and write)", () => {
    expect(decide(policy, taskMount)).toBe("allow");
    expect(decide(policy, { ...taskMount, action: "elasticfilesystem:ClientWrite", accessPointArn: ours[1] })).toBe("allow");
  });

  test("a client without TLS is denied", () => {
    expect(decide(policy, { ...taskMount, secureTransport: false })).toBe("deny");
  });

  test("a mount without an access point is denied, even with TLS and an IAM allow", () => {
    expect(decide(policy, { ...taskMount, accessPointArn: undefined })).toBe("deny");
  });

  test("a mount through an access point that is not ours is denied", () => {
    expect(decide(policy, { ...taskMount, accessPointArn: "arn:aws:elasticfilesystem:eu-west-2:123456789012:access-point/fsap-9999" })).toBe("deny");
  });

  test("root access is denied to everyone", () => {
    expect(decide(policy, { ...taskMount, action: "elasticfilesystem:ClientRootAccess" })).toBe("deny");
  });

  test("anonymous NFS clients (no IAM authorisation) get nothing: the policy allows only the account's principals", () => {
    expect(decide(policy, { ...taskMount, principalAccount: "anonymous", identityAllows: false })).toBe("implicit-deny");
  });

  test("the synthesised policy names the file system and every access point of the stack", () => {
    const json = synthData();
    const [fsName] = only(json, "aws_efs_file_system", "file_storage");
    const [, resource] = only(json, "aws_efs_file_system_policy", "file_storage");
    expect(resource.file_system_id).toBe(ref("aws_efs_file_system", fsName));
    for (const [apName] of tierResources(json, "aws_efs_access_point", "file_storage")) {
      expect(resource.policy).toContain(`aws_efs_access_point.${apName}.arn`);
    }
    expect(resource.policy).toContain('"aws:SecureTransport" = "false"');
    expect(resource.policy).toContain('"elasticfilesystem:AccessPointArn" = "true"');
    expect(resource.policy).toContain(`"Resource" = aws_efs_file_system.${fsName}.arn`);
  });
});
