/** The network tier's settings: a new VPC, or the ids of an existing one. */
import { z } from "zod";
import { ipv4Cidr } from "./primitives";

export const INTERFACE_ENDPOINT_SERVICES = ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssmmessages"] as const;

const availabilityZone = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, {
  error: "must be an availability-zone name such as eu-west-2a",
});

const subnetCidrs = z.array(ipv4Cidr).min(2, { error: "needs one CIDR per availability zone (at least 2)" });

export const createdNetworkSchema = z
  .strictObject({
    mode: z.literal("create").describe("Create a new VPC with public, private-app and private-data subnets."),
    cidr: ipv4Cidr.default("10.0.0.0/16").describe("IPv4 CIDR block of the new VPC (prefix /16 to /24)."),
    availabilityZones: z
      .array(availabilityZone)
      .min(2, { error: "needs at least 2 availability zones" })
      .max(6)
      .optional()
      .describe(
        "Availability-zone names. @default the first `azCount` zones of the region in src/config/data/aws-regions.json: <region>a, <region>b, … (ap-northeast-1: a, c, d)",
      ),
    azCount: z
      .number()
      .int()
      .min(2, { error: "must be at least 2: every tier spans two or more availability zones" })
      .max(6, { error: "must be at most 6" })
      .optional()
      .describe("Number of availability zones when `availabilityZones` is not given. @default 2"),
    subnetNewBits: z
      .number()
      .int()
      .min(2)
      .max(12)
      .default(4)
      .describe(
        "Bits added to the VPC prefix for each derived subnet (/16 + 4 = /20). Each tier gets a fixed third of the " +
          "address slots, so adding a zone later never renumbers existing subnets.",
      ),
    subnets: z
      .strictObject({
        public: subnetCidrs.optional().describe("CIDRs of the public subnets (ALB, NAT gateways), one per zone."),
        app: subnetCidrs.optional().describe("CIDRs of the private application subnets (tasks, EFS, Lambdas)."),
        data: subnetCidrs.optional().describe("CIDRs of the private data subnets (RDS); they get no internet route."),
      })
      .prefault({})
      .describe("Explicit subnet CIDRs per tier; any tier left out is derived from `cidr` and `subnetNewBits`."),
    natGateways: z
      .enum(["single", "perAz"])
      .default("single")
      .describe("`single`: one NAT gateway (cheaper); `perAz`: one per zone (no cross-zone single point of failure)."),
    internetEgressPorts: z
      .array(z.number().int().min(1).max(65535))
      .min(1)
      .default([443])
      .describe("TCP ports the app subnets may reach on the internet through NAT (add 587 for the scheduler's SMTP mail)."),
    flowLogs: z
      .strictObject({
        enabled: z.boolean().default(true).describe("Send VPC flow logs to a CloudWatch log group."),
        trafficType: z.enum(["ALL", "REJECT"]).default("ALL").describe("Which traffic the flow logs record."),
      })
      .prefault({}),
    endpoints: z
      .strictObject({
        s3Gateway: z.boolean().default(false).describe("Add an S3 gateway endpoint to the private route tables (free)."),
        interface: z
          .array(z.enum(INTERFACE_ENDPOINT_SERVICES))
          .default([])
          .describe("Interface endpoints to create in the app subnets (cut NAT traffic; billed per hour and zone)."),
      })
      .prefault({}),
  })
  .describe("A new VPC.");

const vpcId = z.string().regex(/^vpc-[0-9a-f]{8,17}$/, { error: "must be a VPC id such as vpc-0123456789abcdef0" });
const subnetIds = z
  .array(z.string().regex(/^subnet-[0-9a-f]{8,17}$/, { error: "must be a subnet id such as subnet-0123456789abcdef0" }))
  .min(2, { error: "needs at least 2 subnets, in different availability zones" });

export const existingNetworkSchema = z
  .strictObject({
    mode: z.literal("existing").describe("Use an existing VPC; the network tier creates nothing."),
    vpcId: vpcId.describe("Id of the existing VPC."),
    subnetIds: z
      .strictObject({
        public: subnetIds.describe("Public subnets (internet-facing ALB), in ≥ 2 zones."),
        app: subnetIds.describe("Private subnets with outbound internet (tasks, EFS mount targets, Lambdas)."),
        data: subnetIds.describe("Private subnets without internet route (RDS)."),
      })
      .describe("Subnet ids per tier."),
    availabilityZones: z.array(availabilityZone).min(2).optional().describe("Zones of the subnets, in the same order (documentation and preflight only)."),
  })
  .describe("An existing VPC.");

export const networkSchema = z
  .discriminatedUnion("mode", [createdNetworkSchema, existingNetworkSchema])
  .prefault({ mode: "create" })
  .describe("Network tier: `mode: create` builds a VPC; `mode: existing` uses yours.");

export type NetworkConfig = z.output<typeof networkSchema>;
export type CreatedNetworkConfig = z.output<typeof createdNetworkSchema>;
export type ExistingNetworkConfig = z.output<typeof existingNetworkSchema>;
