# A production deployment from both modules: a new VPC across three zones with a NAT gateway per zone, then
# Panintelligence in it with every optional part on (renderer, pirana, WAF, upload sync).

provider "aws" {
  region              = "eu-west-2"
  allowed_account_ids = ["123456789012"]

  default_tags {
    tags = {
      Service     = "panintelligence"
      Environment = "production"
      ManagedBy   = "terraform"
    }
  }
}

module "network" {
  source = "../../panintelligence-network"

  name                       = "pi-production"
  region                     = "eu-west-2"
  account_id                 = "123456789012"
  cidr                       = "10.20.0.0/16"
  availability_zones         = ["eu-west-2a", "eu-west-2b", "eu-west-2c"]
  nat_gateways               = "perAz"
  enable_s3_gateway_endpoint = true
}

module "panintelligence" {
  source = "../../panintelligence"

  name              = "pi-production"
  region            = "eu-west-2"
  account_id        = "123456789012"
  vpc_id            = module.network.vpc_id
  public_subnet_ids = module.network.public_subnet_ids
  app_subnet_ids    = module.network.app_subnet_ids
  data_subnet_ids   = module.network.data_subnet_ids

  domain_name    = "dashboard.example.com"
  hosted_zone_id = "Z0123456789EXAMPLE01"

  database_instance_class        = "db.t4g.medium"
  database_backup_retention_days = 14
  backup_retention_days          = 35
  waf_rate_limit                 = 5000
  enable_pirana                  = true
  alarm_emails                   = ["ops@example.com"]
  dashboard_cpu                  = 2048
  dashboard_memory_mib           = 4096

  # The images mirrored to this account's ECR (docs/runbooks/ecr-mirror.md): Panintelligence's ghcr.io images are
  # private and this module takes no registry credentials.
  dashboard_image_repository = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/panintelligence/server"
  scheduler_image_repository = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/panintelligence/scheduler"
  renderer_image_repository  = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/panintelligence/renderer"
  pirana_image_repository    = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/panintelligence/pirana"
}
