# A tiny root module for the HCL loader tests: for_each, count, dynamic blocks, variables, locals and data sources.

resource "aws_s3_bucket" "data" {
  for_each = toset(local.buckets)
  bucket   = "${var.prefix}-${each.key}"
}

resource "aws_s3_bucket_versioning" "data" {
  for_each = aws_s3_bucket.data
  bucket   = aws_s3_bucket.data[each.key].id
  versioning_configuration {
    status = var.versioning
  }
}

resource "aws_subnet" "private" {
  count                   = length(var.zones)
  vpc_id                  = aws_vpc.main.id
  availability_zone       = var.zones[count.index]
  cidr_block              = "10.0.${count.index}.0/24"
  map_public_ip_on_launch = false
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_security_group" "app" {
  name        = "${var.prefix}-app"
  description = "application tasks"
  vpc_id      = aws_vpc.main.id

  dynamic "ingress" {
    for_each = local.ingress
    content {
      description = ingress.value.description
      protocol    = "tcp"
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      cidr_blocks = ingress.value.cidrs
    }
  }
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/ecs/${var.prefix}"
  retention_in_days = var.retention
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/audit/${var.prefix}"
  retention_in_days = var.audit_retention
}

data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}
