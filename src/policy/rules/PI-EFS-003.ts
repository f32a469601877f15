import type { Resource, Rule, Verdict } from "../model";
import { Assessment } from "./lib/assessment";
import { first, num, str } from "./lib/values";

/** EFSAccessPointScoped: a non-root directory, created with owner and mode, and an enforced POSIX identity. */
export const efsAccessPointScoped: Rule = {
  id: "PI-EFS-003",
  title: "EFS access points pin a non-root directory and a POSIX user",
  severity: "MEDIUM",
  resourceTypes: ["aws_efs_access_point"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_329", "CKV_AWS_330"], trivy: [], securityHub: ["EFS.3", "EFS.4"], cdkNag: [] },
  rationale: "An access point at / as uid 0 (the vendor's Lambda) can rewrite every file on the file system.",
  check(ap: Resource): Verdict {
    const root = first(ap.values.root_directory);
    const creation = first(root?.creation_info);
    const user = first(ap.values.posix_user);
    const rootRefs = ["CKV_AWS_329", "EFS.3"];
    const userRefs = ["CKV_AWS_330", "EFS.4"];
    const a = new Assessment().expect("root_directory.path", str(root?.path), (v) => !!v && v !== "/", 'a directory other than "/"', rootRefs);
    // creation_info is ours: without it the directory must already exist with the right owner
    if (!creation) a.fail("root_directory.creation_info is absent, expected owner_uid, owner_gid and permissions", []);
    else {
      a.expect("root_directory.creation_info.owner_uid", num(creation.owner_uid), (v) => v !== undefined, "set", []);
      a.expect("root_directory.creation_info.owner_gid", num(creation.owner_gid), (v) => v !== undefined, "set", []);
      a.expect("root_directory.creation_info.permissions", str(creation.permissions), (v) => !!v, 'set, e.g. "0750"', []);
    }
    if (!user) a.fail("posix_user is absent, expected posix_user { uid, gid }", userRefs);
    else {
      a.expect("posix_user.uid", num(user.uid), (v) => v !== undefined, "set", userRefs);
      a.expect("posix_user.gid", num(user.gid), (v) => v !== undefined, "set", userRefs);
    }
    return a.verdict(`root_directory.path = ${JSON.stringify(root?.path)} with a POSIX user`);
  },
};
