# Panintelligence in a VPC your network team owns: only the application module, given the subnet ids per tier.
# The same inputs as the CDKTF app's existing-VPC test configuration (a test plans both and compares them).

provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["123456789012"]

  default_tags {
    tags = {
      Service     = "panintelligence"
      Project     = "pi"
      Environment = "shared"
      ManagedBy   = "cdktf"
    }
  }
}

module "panintelligence" {
  source = "../../panintelligence"

  name              = "pi-shared"
  region            = "us-east-1"
  account_id        = "123456789012"
  vpc_id            = "vpc-0a1b2c3d4e5f60718"
  public_subnet_ids = ["subnet-0aa0000000000a001", "subnet-0aa0000000000a002"]
  app_subnet_ids    = ["subnet-0bb0000000000b001", "subnet-0bb0000000000b002"]
  data_subnet_ids   = ["subnet-0cc0000000000c001", "subnet-0cc0000000000c002"]

  domain_name    = "bi.example.org"
  hosted_zone_id = "Z0123456789EXAMPLE03"

  # The images mirrored to this account's ECR (docs/runbooks/ecr-mirror.md): Panintelligence's ghcr.io images are
  # private and this module takes no registry credentials.
  dashboard_image_repository = "123456789012.dkr.ecr.us-east-1.amazonaws.com/panintelligence/server"
  scheduler_image_repository = "123456789012.dkr.ecr.us-east-1.amazonaws.com/panintelligence/scheduler"
  renderer_image_repository  = "123456789012.dkr.ecr.us-east-1.amazonaws.com/panintelligence/renderer"
}
