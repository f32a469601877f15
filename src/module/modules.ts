/** The published modules: what each is built from, its version and what its README says about it. */
import { APPLICATION_SWITCHES, APPLICATION_VARIABLES, applicationVariant } from "./application-module";
import type { ModuleDefinition } from "./module-build";
import { NETWORK_SWITCHES, NETWORK_VARIABLES, networkVariant } from "./network-module";

export interface PublishedModule extends ModuleDefinition {
  /** Semantic version; CHANGELOG.md's newest heading must match it. */
  readonly version: string;
  readonly title: string;
  /** Markdown paragraphs under the title. */
  readonly summary: string;
  /** HCL of a minimal call, for the README. */
  readonly usage: string;
}

export const MODULES_DIRECTORY = "terraform-modules";

export const PUBLISHED_MODULES: readonly PublishedModule[] = [
  {
    directory: "panintelligence-network",
    version: "0.1.0",
    title: "Panintelligence network",
    summary: [
      "The VPC for a Panintelligence deployment: public, private-app and private-data subnets in two or three zones (CIDRs",
      "derived from the VPC CIDR), an internet gateway, one NAT gateway or one per zone, route tables (the data subnets have",
      "no internet route), a NACL per tier, the default security group emptied, VPC flow logs and an optional S3 gateway",
      "endpoint. Generated from the same construct as the CDKTF app's network tier.",
    ].join("\n"),
    usage: [
      'module "network" {',
      '  source = "../panintelligence-network"',
      "",
      '  name               = "pi-production"',
      '  region             = "eu-west-2"',
      '  account_id         = "123456789012"',
      '  availability_zones = ["eu-west-2a", "eu-west-2b", "eu-west-2c"]',
      "}",
    ].join("\n"),
    switches: NETWORK_SWITCHES,
    variables: NETWORK_VARIABLES,
    variant: networkVariant,
  },
  {
    directory: "panintelligence",
    version: "0.2.0",
    title: "Panintelligence",
    summary: [
      "Panintelligence on ECS Fargate in an existing VPC: RDS MariaDB, encrypted EFS with access points and AWS Backup, the",
      "run-once EFS initialiser, the S3 upload bucket mirrored onto EFS, the HTTPS load balancer with ACM, Route 53 and WAF,",
      "the dashboard, scheduler, renderer and pirana services, alarms and an operations dashboard. Generated from the same",
      "constructs as the CDKTF app, always with its `protect` lifecycle (deletion protection, final snapshots,",
      "`prevent_destroy`: Terraform cannot make those depend on a variable). Tag resources with your provider's",
      "`default_tags`; the module sets only `Name` tags.",
    ].join("\n"),
    usage: [
      'module "panintelligence" {',
      '  source = "../panintelligence"',
      "",
      '  name              = "pi-production"',
      '  region            = "eu-west-2"',
      '  account_id        = "123456789012"',
      "  vpc_id            = module.network.vpc_id",
      "  public_subnet_ids = module.network.public_subnet_ids",
      "  app_subnet_ids    = module.network.app_subnet_ids",
      "  data_subnet_ids   = module.network.data_subnet_ids",
      '  domain_name       = "dashboard.example.com"',
      '  hosted_zone_id    = "Z0123456789EXAMPLE01"',
      "",
      "  # Panintelligence's ghcr.io images are private and the module takes no registry credentials: an ECR mirror",
      '  dashboard_image_repository = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/panintelligence/server"',
      '  scheduler_image_repository = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/panintelligence/scheduler"',
      '  renderer_image_repository  = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/panintelligence/renderer"',
      "}",
    ].join("\n"),
    switches: APPLICATION_SWITCHES,
    variables: APPLICATION_VARIABLES,
    variant: applicationVariant,
    omitOutputs: ["vpc_id", "public_subnet_ids", "app_subnet_ids", "data_subnet_ids"],
  },
];
