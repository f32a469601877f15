/**
 * What AWS would refuse at apply although `terraform plan` passes: regions and zones, certificate names and accounts,
 * reserved names, RDS windows, classes and versions, time zones and cron expressions, EFS paths, tag and rule quotas.
 * Checked against the dated tables in ./data (no AWS call). Paths are env-relative.
 */
import { secretShapeOf } from "../secrets/secret-shapes";
import { appNaclRules, publicNaclRules } from "./nacl-rules";
import { awsCronProblem } from "./aws-cron";
import { MARIADB_VERSIONS, RDS_INSTANCE_FAMILIES, TIME_ZONES, regionsLike, zonesOf } from "./data/tables";
import { formatPath, type ConfigIssue } from "./issues";
import { STACK_TAG_KEYS, stackTags } from "./stack-tags";
import { mariadbMajorVersion } from "./schema/database";
import type { EnvironmentConfig } from "./schema/resolve";

/** ACM refuses a certificate whose first name (the subject CN) is longer than 64 characters. */
export const MAX_ACM_DOMAIN_LENGTH = 64;
/** RDS windows: at least 30 minutes; the weekly maintenance window at most 24 hours. */
export const MIN_RDS_WINDOW_MINUTES = 30;
export const MAX_MAINTENANCE_WINDOW_MINUTES = 24 * 60;
/** EFS access-point root directories: at most 100 characters and 4 directories deep. */
export const MAX_EFS_PATH_LENGTH = 100;
export const MAX_EFS_PATH_DEPTH = 4;
/** The longest directory an access point adds below `fileStorage.rootPath` (`/excel-data`). */
const LONGEST_EFS_DIRECTORY = "/excel-data";
/** AWS allows 50 tags per resource; the stack adds its own (STACK_TAG_KEYS) and some resources a Name. */
export const MAX_TAGS_PER_RESOURCE = 50;
/** Inbound rules a security group may have per address family (the default VPC quota). */
export const SECURITY_GROUP_INBOUND_RULES = 60;
/** Rules a network ACL may have per direction (the default VPC quota). */
export const NACL_RULES_PER_DIRECTION = 20;
/** Ports the load balancer's security group opens to each ingress range. */
const LISTENER_PORT_COUNT = 2;

/** MariaDB reserved words RDS refuses as the master user name (the ones a name could plausibly be). */
const MARIADB_RESERVED_WORDS = new Set(
  (
    "accessible add all alter analyze and as asc before between both by call cascade case change check collate column condition " +
    "constraint continue convert create cross current_user cursor database databases default delete desc describe distinct drop " +
    "each else exists explain false fetch for foreign from grant group having if ignore in index inner insert interval into is " +
    "join key keys kill leading left like limit lines load lock loop match merge modifies natural not null on option or order " +
    "outer over primary procedure purge range read references release rename repeat replace require restrict return revoke " +
    "right rlike schema schemas select set show signal spatial sql ssl table then to trailing trigger true undo union unique " +
    "unlock unsigned update usage use using values when where while window with write xor"
  ).split(" "),
);

/** Bucket names S3 reserves (its own access points, directory buckets, tables, docs examples). */
const RESERVED_BUCKET_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_BUCKET_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

export function checkAwsLimits(env: EnvironmentConfig): ConfigIssue[] {
  return [
    ...checkRegions(env),
    ...checkZones(env),
    ...checkCertificate(env),
    ...checkStateBucket(env),
    ...checkDatabase(env),
    ...checkSchedules(env),
    ...checkEfsPath(env),
    ...checkTags(env),
    ...checkIngressQuota(env),
    ...checkNaclQuota(env),
  ];
}

/** The project name starts every bucket name: S3 reserves some beginnings. Path relative to the file. */
export function checkProject(project: string): ConfigIssue[] {
  const reserved = RESERVED_BUCKET_PREFIXES.find((prefix) => `${project}-`.startsWith(prefix));
  if (!reserved) return [];
  return [
    { path: "project", message: `starts every bucket name, and S3 reserves names beginning with "${reserved}"; choose another project name`, value: project },
  ];
}

function unknownRegion(path: string, region: string): ConfigIssue {
  return { path, message: `is not an AWS region; known regions like it: ${regionsLike(region).join(", ")}`, value: region };
}

function checkRegions(env: EnvironmentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!zonesOf(env.region)) issues.push(unknownRegion("region", env.region));
  if (env.state.backend === "s3" && env.state.region !== env.region && !zonesOf(env.state.region)) {
    issues.push(unknownRegion("state.region", env.state.region));
  }
  const copyRegion = env.backup.copyToVaultArn?.split(":")[3];
  if (copyRegion !== undefined && !zonesOf(copyRegion)) issues.push(unknownRegion("backup.copyToVaultArn", copyRegion));
  return issues;
}

function checkZones(env: EnvironmentConfig): ConfigIssue[] {
  const known = zonesOf(env.region);
  if (!known) return []; // the region itself is reported
  const issues: ConfigIssue[] = [];
  const network = env.network;
  const given = network.mode === "create" ? network.availabilityZones : (network.availabilityZones ?? []);
  given.forEach((zone, i) => {
    const path = `network.availabilityZones[${i}]`;
    if (!zone.startsWith(env.region)) {
      // Created networks already say so (preflight.ts); an existing VPC lives in one region too.
      if (network.mode === "existing") issues.push({ path, message: `must be a zone of region ${env.region}`, value: zone });
    } else if (!known.accepted.includes(zone)) {
      issues.push({ path, message: `is not a zone of ${env.region}; its zones are ${known.usable.join(", ")}`, value: zone });
    }
  });
  if (network.mode === "create" && network.availabilityZones.length > known.perAccount) {
    const field = network.azCount !== undefined ? "network.azCount" : "network.availabilityZones";
    issues.push({
      path: field,
      message: `asks for ${network.availabilityZones.length} zones, but ${env.region} has ${known.perAccount} per account (${known.usable.join(", ")}); use at most ${known.perAccount}`,
      value: network.azCount ?? network.availabilityZones,
    });
  }
  return issues;
}

/** A name made only of digits and dots is an IP address: ACM and Route 53 refuse it. */
const isIpAddress = (name: string) => /^(\d+\.){3}\d+$/.test(name) || /\.\d+$/.test(name);

function checkCertificate(env: EnvironmentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { edge } = env;
  if (isIpAddress(edge.domainName)) {
    issues.push({
      path: "edge.domainName",
      message: "is an IP address (or ends in a numeric label); ACM certificates and Route 53 records need a DNS name such as bi.example.com",
      value: edge.domainName,
    });
  } else if (!edge.certificateArn && edge.domainName.length > MAX_ACM_DOMAIN_LENGTH) {
    issues.push({
      path: "edge.domainName",
      message: `is ${edge.domainName.length} characters; ACM refuses a certificate whose first name is longer than ${MAX_ACM_DOMAIN_LENGTH}. Use a shorter name (add this one as a subjectAlternativeName) or bring a certificate (edge.certificateArn)`,
      value: edge.domainName,
    });
  }
  edge.subjectAlternativeNames.forEach((name, i) => {
    if (isIpAddress(name)) {
      issues.push({ path: `edge.subjectAlternativeNames[${i}]`, message: "is an IP address; ACM certificates hold DNS names only", value: name });
    }
  });
  if (edge.certificateArn) {
    const [, , , region, account] = edge.certificateArn.split(":");
    if (!zonesOf(region)) issues.push(unknownRegion("edge.certificateArn", region));
    if (account !== env.accountId) {
      issues.push({
        path: "edge.certificateArn",
        message: `belongs to account ${account}, but a load balancer can only use an ACM certificate of its own account (${env.accountId}); import or request it there`,
        value: edge.certificateArn,
      });
    }
  }
  return issues;
}

function checkStateBucket(env: EnvironmentConfig): ConfigIssue[] {
  if (env.state.backend !== "s3") return [];
  const bucket = env.state.bucket;
  const problem = RESERVED_BUCKET_PREFIXES.find((p) => bucket.startsWith(p))
    ? `begins with a prefix S3 reserves (${RESERVED_BUCKET_PREFIXES.join(", ")})`
    : RESERVED_BUCKET_SUFFIXES.find((s) => bucket.endsWith(s))
      ? `ends with a suffix S3 reserves (${RESERVED_BUCKET_SUFFIXES.join(", ")})`
      : /^(\d+\.){3}\d+$/.test(bucket)
        ? "is formatted as an IP address, which S3 refuses"
        : bucket.includes("..")
          ? "has two adjacent periods, which S3 refuses"
          : undefined;
  return problem ? [{ path: "state.bucket", message: `${problem}; no such bucket can exist`, value: bucket }] : [];
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

function checkDatabase(env: EnvironmentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const db = env.database;

  const [family, size] = [db.instanceClass.replace(/\.[^.]+$/, ""), db.instanceClass.split(".").at(-1) ?? ""];
  const sizes = RDS_INSTANCE_FAMILIES[family];
  if (!sizes) {
    issues.push({
      path: "database.instanceClass",
      message: `is not an RDS for MariaDB instance class; families: ${Object.keys(RDS_INSTANCE_FAMILIES).join(", ")} (e.g. db.t4g.small, db.m7g.large)`,
      value: db.instanceClass,
    });
  } else if (!sizes.includes(size)) {
    issues.push({ path: "database.instanceClass", message: `is not a size of ${family}; it comes in ${sizes.join(", ")}`, value: db.instanceClass });
  }

  const major = mariadbMajorVersion(db.engineVersion);
  const minors = major ? MARIADB_VERSIONS[major] : undefined;
  if (minors && db.engineVersion !== major && !minors.includes(db.engineVersion)) {
    issues.push({
      path: "database.engineVersion",
      message: `is not a MariaDB version RDS offers; ${major} comes as ${minors.join(", ")} — or give ${major} alone to take RDS's current minor`,
      value: db.engineVersion,
    });
  }

  if (MARIADB_RESERVED_WORDS.has(db.masterUsername.toLowerCase())) {
    issues.push({
      path: "database.masterUsername",
      message: "is a MariaDB reserved word, which RDS refuses as the master user name; pick your own, e.g. pi_admin",
      value: db.masterUsername,
    });
  }

  const [bStart, bEnd] = db.backupWindow.split("-").map(minutesOf);
  const backupMinutes = (bEnd - bStart + 1440) % 1440;
  if (backupMinutes < MIN_RDS_WINDOW_MINUTES) {
    issues.push({
      path: "database.backupWindow",
      message: `lasts ${backupMinutes} minutes; RDS needs at least ${MIN_RDS_WINDOW_MINUTES}`,
      value: db.backupWindow,
    });
  }
  const [mStart, mEnd] = db.maintenanceWindow.split("-").map((part) => DAYS.indexOf(part.slice(0, 3)) * 1440 + minutesOf(part.slice(4)));
  const maintenanceMinutes = (mEnd - mStart + 7 * 1440) % (7 * 1440);
  if (maintenanceMinutes < MIN_RDS_WINDOW_MINUTES || maintenanceMinutes > MAX_MAINTENANCE_WINDOW_MINUTES) {
    issues.push({
      path: "database.maintenanceWindow",
      message: `lasts ${maintenanceMinutes} minutes; RDS needs between ${MIN_RDS_WINDOW_MINUTES} minutes and 24 hours`,
      value: db.maintenanceWindow,
    });
  }
  return issues;
}

function checkSchedules(env: EnvironmentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const cron = (path: string, expression: string) => {
    const problem = awsCronProblem(expression);
    if (problem) issues.push({ path, message: problem, value: expression });
    return problem === undefined;
  };
  const zone = (path: string, name: string | undefined) => {
    if (name !== undefined && !TIME_ZONES.has(name)) {
      issues.push({ path, message: "is not an IANA time zone name (such as Europe/London, America/New_York or UTC); names are case-sensitive", value: name });
    }
  };

  if (cron("backup.schedule", env.backup.schedule)) {
    const minutes = env.backup.schedule.slice(5).split(/\s+/)[0];
    if (!/^\d+$/.test(minutes)) {
      issues.push({
        path: "backup.schedule",
        message: "runs more than once an hour; AWS Backup needs at least 60 minutes between backups: give one minute value",
        value: env.backup.schedule,
      });
    }
  }
  zone("backup.scheduleTimezone", env.backup.scheduleTimezone);

  const rotation = env.database.passwordRotation.schedule;
  if (rotation.startsWith("cron(")) cron("database.passwordRotation.schedule", rotation);

  const hours = env.compute.dashboard.scaling.officeHours;
  if (hours) {
    cron("compute.dashboard.scaling.officeHours.scaleUp", hours.scaleUp);
    cron("compute.dashboard.scaling.officeHours.scaleDown", hours.scaleDown);
    zone("compute.dashboard.scaling.officeHours.timezone", hours.timezone);
  }
  return issues;
}

function checkEfsPath(env: EnvironmentConfig): ConfigIssue[] {
  const path = "fileStorage.rootPath";
  const root = env.fileStorage.rootPath;
  const segments = root.split("/").filter(Boolean);
  if (segments.some((s) => s === "." || s === "..")) {
    return [{ path, message: "must not contain . or .. segments: an access point is pinned to the directory it names", value: root }];
  }
  const issues: ConfigIssue[] = [];
  if (segments.length + 1 > MAX_EFS_PATH_DEPTH) {
    issues.push({
      path,
      message: `is ${segments.length} directories deep; each access point adds one more (${root}/themes) and EFS allows ${MAX_EFS_PATH_DEPTH}: use at most ${MAX_EFS_PATH_DEPTH - 1}`,
      value: root,
    });
  }
  const longest = root.length + LONGEST_EFS_DIRECTORY.length;
  if (longest > MAX_EFS_PATH_LENGTH) {
    issues.push({
      path,
      message: `gives access-point paths of up to ${longest} characters (${root}${LONGEST_EFS_DIRECTORY}); EFS allows ${MAX_EFS_PATH_LENGTH}: use at most ${MAX_EFS_PATH_LENGTH - LONGEST_EFS_DIRECTORY.length}`,
      value: root,
    });
  }
  return issues;
}

/** Tag keys and values AWS accepts on every taggable service. */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

function checkTags(env: EnvironmentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const keys = Object.keys(env.tags);
  // The stack's own tags plus a Name on some resources must still fit.
  const room = MAX_TAGS_PER_RESOURCE - STACK_TAG_KEYS.length - 1;
  if (keys.length > room) {
    issues.push({
      path: "tags",
      message: `has ${keys.length} tags; AWS allows ${MAX_TAGS_PER_RESOURCE} per resource and the stack adds ${STACK_TAG_KEYS.length} (${STACK_TAG_KEYS.join(", ")}) and a Name: at most ${room}`,
    });
  }
  for (const key of keys) {
    const path = formatPath(["tags", key]);
    const own = STACK_TAG_KEYS.find((k) => k.toLowerCase() === key.toLowerCase());
    if (key.toLowerCase().startsWith("aws:")) {
      issues.push({ path, message: "uses the aws: prefix, which AWS reserves in any letter case", value: key });
    } else if (own) {
      issues.push({
        path,
        message: `is set by the stack on every resource (${own}: ${stackTags(env)[own]}) and would be silently replaced; use another key`,
        value: key,
      });
    }
    const shape = secretShapeOf(env.tags[key]);
    if (shape) {
      issues.push({
        path,
        message: `holds ${shape}; tags are readable by anyone who may list resources, and land in the plan and state: never put a secret in a tag`,
      });
    } else if (!TAG_TEXT.test(env.tags[key])) {
      issues.push({
        path,
        message: "has a value with characters some AWS services refuse in tags; use letters, digits, spaces and _ . : / = + - @",
        value: env.tags[key],
      });
    }
  }
  return issues;
}

function checkIngressQuota(env: EnvironmentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const family of ["ipv4", "ipv6"] as const) {
    const ranges = env.edge.ingressCidrs[family];
    const rules = ranges.length * LISTENER_PORT_COUNT;
    if (rules > SECURITY_GROUP_INBOUND_RULES) {
      issues.push({
        path: `edge.ingressCidrs.${family}`,
        message: `has ${ranges.length} ranges, ${rules} inbound rules (ports 80 and 443 each); a security group allows ${SECURITY_GROUP_INBOUND_RULES} per address family: at most ${SECURITY_GROUP_INBOUND_RULES / LISTENER_PORT_COUNT} ranges, or summarise them`,
      });
    }
  }
  return issues;
}

/** The network ACLs the created VPC gets (their rules built as the network tier builds them) must fit the quota. */
function checkNaclQuota(env: EnvironmentConfig): ConfigIssue[] {
  if (env.network.mode !== "create") return [];
  const ports = env.network.internetEgressPorts;
  const acls = [publicNaclRules(env.network.cidr, ports), appNaclRules(env.network.cidr, ports)];
  const most = Math.max(...acls.flatMap((rules) => [true, false].map((egress) => rules.filter((r) => r.egress === egress).length)));
  if (most <= NACL_RULES_PER_DIRECTION) return [];
  return [
    {
      path: "network.internetEgressPorts",
      message: `lists ${ports.length} ports, which needs ${most} rules in one direction of a network ACL; AWS allows ${NACL_RULES_PER_DIRECTION}: list fewer ports`,
      value: ports,
    },
  ];
}
