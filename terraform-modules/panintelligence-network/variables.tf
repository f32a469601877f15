variable "name" {
  type        = string
  description = "Prefix of every resource name (the CDKTF app uses <project>-<environment>)."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.name))
    error_message = "name must start with a letter, end with a letter or digit, and use only a-z, 0-9 and '-'."
  }

  validation {
    condition     = length(var.name) <= 24
    error_message = "name must be at most 24 characters (load balancer and target group names are limited to 32)."
  }
}

variable "region" {
  type        = string
  description = "AWS region to deploy into."
  nullable    = false

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d$", var.region))
    error_message = "region must match ^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d$."
  }
}

variable "account_id" {
  type        = string
  description = "AWS account to deploy into; the provider refuses to run against any other (allowed_account_ids)."
  nullable    = false

  validation {
    condition     = can(regex("^\\d{12}$", var.account_id))
    error_message = "account_id must match ^\\d{12}$."
  }
}

variable "cidr" {
  type        = string
  description = "IPv4 CIDR block of the new VPC (prefix /16 to /24)."
  default     = "10.0.0.0/16"
  nullable    = false
}

variable "availability_zones" {
  type        = list(string)
  description = "Two or three availability zones of the region; each gets a public, an app and a data subnet."
  nullable    = false

  validation {
    condition     = length(var.availability_zones) >= 2 && length(var.availability_zones) <= 3
    error_message = "availability_zones needs two or three zones."
  }
}

variable "subnet_newbits" {
  type        = number
  description = "Bits added to the VPC prefix for each derived subnet (/16 + 4 = /20). Each tier gets a fixed third of the address slots, so adding a zone later never renumbers existing subnets."
  default     = 4
  nullable    = false

  validation {
    condition     = var.subnet_newbits >= 2 && var.subnet_newbits <= 12
    error_message = "subnet_newbits must be in 2..12."
  }

  validation {
    condition     = floor(var.subnet_newbits) == var.subnet_newbits
    error_message = "subnet_newbits must be a whole number."
  }
}

variable "nat_gateways" {
  type        = string
  description = "`single`: one NAT gateway (cheaper); `perAz`: one per zone (no cross-zone single point of failure)."
  default     = "single"
  nullable    = false

  validation {
    condition     = contains(["single", "perAz"], var.nat_gateways)
    error_message = "nat_gateways must be one of single, perAz."
  }
}

variable "enable_flow_logs" {
  type        = bool
  description = "Send VPC flow logs to a CloudWatch log group."
  default     = true
  nullable    = false
}

variable "flow_log_traffic_type" {
  type        = string
  description = "Which traffic the flow logs record."
  default     = "ALL"
  nullable    = false

  validation {
    condition     = contains(["ALL", "REJECT"], var.flow_log_traffic_type)
    error_message = "flow_log_traffic_type must be one of ALL, REJECT."
  }
}

variable "enable_s3_gateway_endpoint" {
  type        = bool
  description = "Add an S3 gateway endpoint to the private route tables (free)."
  default     = false
  nullable    = false
}

variable "log_retention_days" {
  type        = number
  description = "Retention of every CloudWatch log group."
  default     = 365
  nullable    = false

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}
