/**
 * The edge tier's settings: the load balancer, its TLS certificate and DNS name, access logs and the optional WAF.
 * The dashboard is reached at https://<domainName>/pi.
 */
import { isIPv6 } from "node:net";
import { z } from "zod";
import { ipv4Cidr } from "./primitives";

/**
 * TLS policies the HTTPS listener may use: Security Hub ELB.17's recommended list (TLS 1.3 policies that drop TLS
 * 1.0/1.1 and CBC ciphers; their FIPS and post-quantum variants). See shared/reference/security-rules.md §4, §7.
 */
export const APPROVED_TLS_POLICIES = [
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
  "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
] as const;

export const DEFAULT_TLS_POLICY = APPROVED_TLS_POLICIES[0];

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
/** Lower-case DNS name with at least two labels, no trailing dot. */
const HOSTNAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})+$`);
const WILDCARD_HOSTNAME = new RegExp(`^(?=.{1,253}$)(?:\\*\\.)?${LABEL}(?:\\.${LABEL})+$`);

const hostname = z.string().regex(HOSTNAME, {
  error: "must be a lower-case DNS host name such as dashboard.example.com (letters, digits, '-', at least two labels, no trailing dot)",
});

const alternativeName = z.string().regex(WILDCARD_HOSTNAME, {
  error: "must be a lower-case DNS host name such as bi.example.com, or a wildcard such as *.example.com",
});

const hostedZoneId = z.string().regex(/^Z[0-9A-Z]{7,31}$/, {
  error: "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ (upper-case, starts with Z; not the zone's name)",
});

const certificateArn = z.string().regex(/^arn:aws(-cn|-us-gov)?:acm:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:certificate\/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/, {
  error: "must be an ACM certificate ARN such as arn:aws:acm:eu-west-2:123456789012:certificate/<uuid>",
});

const ipv6Cidr = z.string().refine(
  (value) => {
    const [address, prefix, ...rest] = value.split("/");
    return rest.length === 0 && isIPv6(address) && /^(\d|[1-9]\d|1[01]\d|12[0-8])$/.test(prefix ?? "");
  },
  { error: "must be an IPv6 CIDR block such as ::/0 or 2001:db8::/32" },
);

export const edgeSchema = z
  .strictObject({
    domainName: hostname.describe("Host name the dashboard is served on (https://<domainName>/pi); an alias record for it is created in `hostedZoneId`."),
    hostedZoneId: hostedZoneId.describe(
      "Id of the Route 53 hosted zone that holds `domainName` (and the certificate's DNS validation records). No lookup is made: give the id.",
    ),
    subjectAlternativeNames: z
      .array(alternativeName)
      .max(4, { error: "allows at most 4 names: with domainName they fill the 5 values of the ALB host-header rule" })
      .default([])
      .describe(
        "Extra names on the certificate that also reach the dashboard (host-header rule). They must be in the same hosted zone; " +
          "each non-wildcard name gets its own alias record.",
      ),
    certificateArn: certificateArn
      .optional()
      .describe(
        "Bring your own certificate: an existing ACM certificate in the environment's region covering domainName and the " +
          "alternative names. No ACM resources are created then. @default a new DNS-validated ACM certificate",
      ),
    scheme: z
      .enum(["internet-facing", "internal"])
      .default("internet-facing")
      .describe("`internet-facing`: public IPs in the public subnets; `internal`: private IPs only (reachable from the VPC and networks routed to it)."),
    ipAddressType: z
      .enum(["ipv4", "dualstack"])
      .default("ipv4")
      .describe("`dualstack` adds IPv6 to the load balancer and an AAAA record; the public subnets must have IPv6 CIDRs (existing networks only)."),
    ingressCidrs: z
      .strictObject({
        ipv4: z.array(ipv4Cidr).default(["0.0.0.0/0"]).describe("IPv4 ranges allowed to reach ports 80 and 443."),
        ipv6: z.array(ipv6Cidr).default(["::/0"]).describe("IPv6 ranges allowed to reach ports 80 and 443 (effective with `dualstack`)."),
      })
      .prefault({})
      .describe("Who may connect to the load balancer. Empty lists close that address family."),
    tlsPolicy: z
      .enum(APPROVED_TLS_POLICIES, {
        error: `must be one of the approved TLS policies (Security Hub ELB.17): ${APPROVED_TLS_POLICIES.join(", ")}`,
      })
      .default(DEFAULT_TLS_POLICY)
      .describe("Security policy of the HTTPS listener (TLS 1.2+ with TLS 1.3; FIPS and post-quantum variants allowed)."),
    idleTimeoutSeconds: z
      .number()
      .int()
      .min(60, { error: "must be at least 60 seconds: long dashboard and report requests are cut off sooner" })
      .max(4000, { error: "must be at most 4000 seconds (the ALB maximum)" })
      .default(300)
      .describe("Seconds a connection may stay idle; long-running report requests need well above the ALB's 60-second default."),
    stickiness: z
      .strictObject({
        enabled: z
          .boolean()
          .default(true)
          .describe(
            "Pin each browser to one dashboard task with an ALB cookie. Tomcat keeps sessions in memory, so this is required " +
              "once the dashboard runs more than one task (the compute tier forces it on then) and keeps users signed in during rolling deployments.",
          ),
        durationSeconds: z
          .number()
          .int()
          .min(1)
          .max(604800, { error: "must be at most 604800 seconds (7 days, the ALB maximum)" })
          .default(86400)
          .describe("Lifetime of the stickiness cookie."),
      })
      .prefault({})
      .describe("Session stickiness of the dashboard target group."),
    accessLogs: z
      .strictObject({
        expirationDays: z
          .number()
          .int()
          .min(1)
          .max(3650)
          .default(90)
          .describe("Days the ALB access logs (and S3 server access logs) are kept in the log bucket."),
      })
      .prefault({})
      .describe("The S3 bucket for load-balancer access logs."),
    waf: z
      .strictObject({
        enabled: z
          .boolean()
          .optional()
          .describe(
            "Attach a WAF web ACL (AWS managed Common, Known Bad Inputs and IP Reputation rules plus a per-IP rate limit). @default true in protect, false in ephemeral",
          ),
        rateLimit: z
          .number()
          .int()
          .min(100, { error: "must be at least 100 requests per 5 minutes (the WAF minimum)" })
          .max(2_000_000_000, { error: "must be at most 2000000000" })
          .default(5000)
          .describe(
            "Requests one IP address may make in 5 minutes before it is blocked. Offices behind one NAT share an address and the dashboard is chatty: keep it generous.",
          ),
        countOnlyRules: z
          .array(z.string().regex(/^[A-Za-z0-9_]+$/, { error: "must be a rule name of AWSManagedRulesCommonRuleSet, such as SizeRestrictions_BODY" }))
          .default(["SizeRestrictions_BODY"])
          .describe(
            "Rules of AWSManagedRulesCommonRuleSet that only count instead of block. SizeRestrictions_BODY blocks request bodies over 8 KB, " +
              "which stops dashboard uploads and large chart saves.",
          ),
      })
      .prefault({})
      .describe("Web application firewall in front of the load balancer."),
  })
  .describe("Edge tier: HTTPS load balancer, certificate, DNS name, access logs and WAF.");

export type EdgeConfig = z.output<typeof edgeSchema>;

/** The edge section with its lifecycle-dependent defaults decided (see resolve.ts). */
export interface ResolvedEdge extends Omit<EdgeConfig, "waf"> {
  readonly waf: Omit<EdgeConfig["waf"], "enabled"> & { readonly enabled: boolean };
}
