# The smallest deployment: a two-zone VPC with one NAT gateway, and Panintelligence with only the required inputs
# and every optional part switched off (no renderer, pirana, WAF or upload sync).

provider "aws" {
  region              = "eu-west-2"
  allowed_account_ids = ["123456789012"]
}

module "network" {
  source = "../../panintelligence-network"

  name               = "pi-minimal"
  region             = "eu-west-2"
  account_id         = "123456789012"
  availability_zones = ["eu-west-2a", "eu-west-2b"]
}

module "panintelligence" {
  source = "../../panintelligence"

  name              = "pi-minimal"
  region            = "eu-west-2"
  account_id        = "123456789012"
  vpc_id            = module.network.vpc_id
  public_subnet_ids = module.network.public_subnet_ids
  app_subnet_ids    = module.network.app_subnet_ids
  data_subnet_ids   = module.network.data_subnet_ids
  domain_name       = "bi.example.net"
  hosted_zone_id    = "Z0123456789EXAMPLE04"

  enable_renderer    = false
  enable_waf         = false
  enable_upload_sync = false

  # The images mirrored to this account's ECR (docs/runbooks/ecr-mirror.md): Panintelligence's ghcr.io images are
  # private and this module takes no registry credentials.
  dashboard_image_repository = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/panintelligence/server"
  scheduler_image_repository = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/panintelligence/scheduler"
}
