variable "prefix" {
  type    = string
  default = "pi-dev"
}

variable "zones" {
  type    = list(string)
  default = ["eu-west-2a", "eu-west-2b"]
}

variable "versioning" {
  type    = string
  default = "Enabled"
}

variable "retention" {
  type    = number
  default = 7
}

# no default: its value is unknown until apply, so rules reading it report UNKNOWN
variable "audit_retention" {
  type = number
}

locals {
  buckets = ["uploads", "config"]
  ingress = [
    { description = "ssh from anywhere", port = 22, cidrs = ["0.0.0.0/0"] },
    { description = "https", port = 443, cidrs = ["0.0.0.0/0"] },
  ]
}
