resource "aws_cloudwatch_log_group" "network_flow_logs_log_group" {
  count             = var.enable_flow_logs ? 1 : 0
  name              = "/aws/vpc/${var.name}/flow-logs"
  retention_in_days = var.log_retention_days
}

resource "aws_default_security_group" "network_default_security_group" {
  egress  = []
  ingress = []
  tags = {
    Name = "${var.name}-default-unused"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_eip" "network_nat_ip_a" {
  domain = "vpc"
  tags = {
    Name = "${var.name}-nat-a"
  }
}

resource "aws_eip" "network_nat_ip_b" {
  count  = var.nat_gateways == "perAz" ? 1 : 0
  domain = "vpc"
  tags = {
    Name = "${var.name}-nat-b"
  }
}

resource "aws_eip" "network_nat_ip_c" {
  count  = length(var.availability_zones) == 3 && var.nat_gateways == "perAz" ? 1 : 0
  domain = "vpc"
  tags = {
    Name = "${var.name}-nat-c"
  }
}

resource "aws_flow_log" "network_flow_logs_flow_log" {
  count                    = var.enable_flow_logs ? 1 : 0
  iam_role_arn             = aws_iam_role.network_flow_logs_role[0].arn
  log_destination          = aws_cloudwatch_log_group.network_flow_logs_log_group[0].arn
  log_destination_type     = "cloud-watch-logs"
  max_aggregation_interval = 60
  tags = {
    Name = "${var.name}-flow-logs"
  }
  traffic_type = var.flow_log_traffic_type
  vpc_id       = aws_vpc.network_vpc.id
}

resource "aws_iam_role" "network_flow_logs_role" {
  count              = var.enable_flow_logs ? 1 : 0
  assume_role_policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Principal" = { "Service" = "vpc-flow-logs.amazonaws.com" }, "Action" = "sts:AssumeRole", "Condition" = { "StringEquals" = { "aws:SourceAccount" = var.account_id } } }] })
  description        = "Lets VPC flow logs write to their log group"
  name               = "${var.name}-vpc-flow-logs"
}

resource "aws_iam_role_policy" "network_flow_logs_policy" {
  count  = var.enable_flow_logs ? 1 : 0
  name   = "write-flow-logs"
  policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Action" = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams", "logs:DescribeLogGroups"], "Resource" = [aws_cloudwatch_log_group.network_flow_logs_log_group[0].arn, "${aws_cloudwatch_log_group.network_flow_logs_log_group[0].arn}:*"] }] })
  role   = aws_iam_role.network_flow_logs_role[0].id
}

resource "aws_internet_gateway" "network_internet_gateway" {
  tags = {
    Name = var.name
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_nat_gateway" "network_nat_a" {
  allocation_id = aws_eip.network_nat_ip_a.allocation_id
  subnet_id     = aws_subnet.network_public_a.id
  tags = {
    Name = "${var.name}-nat-a"
  }

  depends_on = [aws_internet_gateway.network_internet_gateway]
}

resource "aws_nat_gateway" "network_nat_b" {
  count         = var.nat_gateways == "perAz" ? 1 : 0
  allocation_id = aws_eip.network_nat_ip_b[0].allocation_id
  subnet_id     = aws_subnet.network_public_b.id
  tags = {
    Name = "${var.name}-nat-b"
  }

  depends_on = [aws_internet_gateway.network_internet_gateway]
}

resource "aws_nat_gateway" "network_nat_c" {
  count         = length(var.availability_zones) == 3 && var.nat_gateways == "perAz" ? 1 : 0
  allocation_id = aws_eip.network_nat_ip_c[0].allocation_id
  subnet_id     = aws_subnet.network_public_c[0].id
  tags = {
    Name = "${var.name}-nat-c"
  }

  depends_on = [aws_internet_gateway.network_internet_gateway]
}

resource "aws_network_acl" "network_app_acl" {
  subnet_ids = length(var.availability_zones) == 3 ? tolist([aws_subnet.network_app_a.id, aws_subnet.network_app_b.id, aws_subnet.network_app_c[0].id]) : tolist([aws_subnet.network_app_a.id, aws_subnet.network_app_b.id])
  tags = {
    Name = "${var.name}-app"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_network_acl" "network_data_acl" {
  subnet_ids = length(var.availability_zones) == 3 ? tolist([aws_subnet.network_data_a.id, aws_subnet.network_data_b.id, aws_subnet.network_data_c[0].id]) : tolist([aws_subnet.network_data_a.id, aws_subnet.network_data_b.id])
  tags = {
    Name = "${var.name}-data"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_network_acl" "network_public_acl" {
  subnet_ids = length(var.availability_zones) == 3 ? tolist([aws_subnet.network_public_a.id, aws_subnet.network_public_b.id, aws_subnet.network_public_c[0].id]) : tolist([aws_subnet.network_public_a.id, aws_subnet.network_public_b.id])
  tags = {
    Name = "${var.name}-public"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_network_acl_rule" "network_app_acl_egress_100" {
  cidr_block     = "0.0.0.0/0"
  egress         = true
  from_port      = 443
  network_acl_id = aws_network_acl.network_app_acl.id
  protocol       = "tcp"
  rule_action    = "allow"
  rule_number    = 100
  to_port        = 443
}

resource "aws_network_acl_rule" "network_app_acl_egress_110" {
  cidr_block     = var.cidr
  egress         = true
  from_port      = 443
  network_acl_id = aws_network_acl.network_app_acl.id
  protocol       = "tcp"
  rule_action    = "allow"
  rule_number    = 110
  to_port        = 443
}

resource "aws_network_acl_rule" "network_app_acl_egress_120" {
  cidr_block     = var.cidr
  egress         = true
  from_port      = 1024
  network_acl_id = aws_network_acl.network_app_acl.id
  protocol       = "tcp"
  rule_action    = "allow"
  rule_number    = 120
  to_port        = 65535
}

resource "aws_network_acl_rule" "network_app_acl_ingress_100" {
  cidr_block     = var.cidr
  egress         = false
  from_port      = 1024
  network_acl_id = aws_network_acl.network_app_acl.id
  protocol       = "tcp"
  rule_action    = "allow"
  rule_number    = 100
  to_port        = 65535
}

resource "aws_network_acl_rule" "network_app_acl_ingress_110" {
  cidr_block     = var.cidr
  egress         = false
  from_port      = 443
  network_acl_id = aws_network_acl.network_app_acl.id
  protocol       = "tcp"
  rule_action    = "allow"
  rule_number    = 110
  to_port        = 443
}

resource "aws_network_acl_rule" "network_app_acl_ingress_120" {
  cidr_block     = "0.0.0.0/0"
  egress         = false
  from_port      = 1024
  network_acl_id = aws_network_acl.network_app_acl.id
  protocol       = "tcp"
  rule_action    = "allow"
  rule_number    = 120
  to_port        = 3388
}

resource "aws_network_acl_rule" "network_app_acl_ingress_130" {
  cidr_block     = "0.0.0.0/0"
  egress         = false
  from_port      = 3390
  network_acl_id = aws_network_acl.network_app_acl.id
  protocol       = "tcp"
  rule_action    = "allow"
  rule_number    = 130
  to_port        = 65535
}

resource "aws_network_acl_rule" "network_data_acl_egress_100" {
  cidr_block     = cidrsubnet(var.cidr, var.subnet_newbits, 1 * floor(pow(2, var.subnet_newbits) / 3) + 0)
  egress         = true
  from_port      = 1024
  network_acl_id = aws_network_acl.network_data_acl.id
  protocol       = "tcp"
  rule_action    = "allow"
  rule_number    = 100
  to_port        = 65535
}

resource "aws_network_acl_rule" "network_data_acl_egress_110" {
  cidr_block     = cidrsubnet(var.cidr, var.subnet_newbits, 1 * floor(pow(2, var.subnet_newbits) / 3) + 1)
  egress         = true
  from_port      = 1024
  network_acl_id = aws_network_acl.network_data_acl.id
  protocol       = "tcp"
  rule_action    = "allow"
  rule_number    = 110
  to_port        = 65535
}

resource "aws_network_acl_rule" "network_data_acl_egress_120" {
  count          = length(var.availability_zones) == 3 ? 1 : 0
  cidr_block     = cidrsubnet(var.cidr, var.subnet_newbits, 1 * floor(pow(2, var.subnet_newbits) / 3) + 2)
  egress         = true
  from_port      = 1024
  network_acl_id = aws_network_acl.network_data_acl.id
  protocol       = "tcp"
  rule_action    = "allow"
  rule_number    = 120
  to_port        = 65535
}

resource "aws_network_acl_rule" "network_data_acl_ingress_100" {
  cidr_block     = cidrsubnet(var.cidr, var.subnet_newbits, 1 * floor(pow(2, var.subnet_newbits) / 3) + 0)
  egress         = false
  from_port      = 3306
  network_acl_id = aws_network_acl.network_data_acl.id
  protocol       = "tcp"
  rule_action    = "allow"
  rule_number    = 100
  to_port        = 3306
}

resource "aws_network_acl_rule" "network_data_acl_ingress_110" {
  cidr_block     = cidrsubnet(var.cidr, var.subnet_newbits, 1 * floor(pow(2, var.subnet_newbits) / 3) + 1)
  egress         = false
  from_port      = 3306
  network_acl_id = aws_network_acl.network_data_acl.id
  protocol       = "tcp"
  rule_action    = "allow"
  rule_number    = 110
  to_port        = 3306
}

resource "aws_network_acl_rule" "network_data_acl_ingress_120" {
  count          = length(var.availability_zones) == 3 ? 1 : 0
  cidr_block     = cidrsubnet(var.cidr, var.subnet_newbits, 1 * floor(pow(2, var.subnet_newbits) / 3) + 2)
  egress         = false
  from_port      = 3306
  network_acl_id = aws_network_acl.network_data_acl.id
  protocol       = "tcp"
  rule_action    = "allow"
  rule_number    = 120
  to_port        = 3306
}

resource "aws_network_acl_rule" "network_public_acl_egress_100" {
  cidr_block     = "0.0.0.0/0"
  egress         = true
  from_port      = 443
  network_acl_id = aws_network_acl.network_public_acl.id
  protocol       = "tcp"
  rule_action    = "allow"
  rule_number    = 100
  to_port        = 443
}

resource "aws_network_acl_rule" "network_public_acl_egress_110" {
  cidr_block     = "0.0.0.0/0"
  egress         = true
  from_port      = 1024
  network_acl_id = aws_network_acl.network_public_acl.id
  protocol       = "tcp"
  rule_action    = "allow"
  rule_number    = 110
  to_port        = 65535
}

resource "aws_network_acl_rule" "network_public_acl_ingress_100" {
  cidr_block     = "0.0.0.0/0"
  egress         = false
  from_port      = 443
  network_acl_id = aws_network_acl.network_public_acl.id
  protocol       = "tcp"
  rule_action    = "allow"
  rule_number    = 100
  to_port        = 443
}

resource "aws_network_acl_rule" "network_public_acl_ingress_110" {
  cidr_block     = "0.0.0.0/0"
  egress         = false
  from_port      = 80
  network_acl_id = aws_network_acl.network_public_acl.id
  protocol       = "tcp"
  rule_action    = "allow"
  rule_number    = 110
  to_port        = 80
}

resource "aws_network_acl_rule" "network_public_acl_ingress_120" {
  cidr_block     = "0.0.0.0/0"
  egress         = false
  from_port      = 1024
  network_acl_id = aws_network_acl.network_public_acl.id
  protocol       = "tcp"
  rule_action    = "allow"
  rule_number    = 120
  to_port        = 3388
}

resource "aws_network_acl_rule" "network_public_acl_ingress_130" {
  cidr_block     = "0.0.0.0/0"
  egress         = false
  from_port      = 3390
  network_acl_id = aws_network_acl.network_public_acl.id
  protocol       = "tcp"
  rule_action    = "allow"
  rule_number    = 130
  to_port        = 65535
}

resource "aws_route" "network_app_default_route_a" {
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.network_nat_a.id
  route_table_id         = aws_route_table.network_app_routes_a.id
}

resource "aws_route" "network_app_default_route_b" {
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = var.nat_gateways == "perAz" ? aws_nat_gateway.network_nat_b[0].id : aws_nat_gateway.network_nat_a.id
  route_table_id         = aws_route_table.network_app_routes_b.id
}

resource "aws_route" "network_app_default_route_c" {
  count                  = length(var.availability_zones) == 3 ? 1 : 0
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = var.nat_gateways == "perAz" ? aws_nat_gateway.network_nat_c[0].id : aws_nat_gateway.network_nat_a.id
  route_table_id         = aws_route_table.network_app_routes_c[0].id
}

resource "aws_route" "network_public_default_route" {
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.network_internet_gateway.id
  route_table_id         = aws_route_table.network_public_routes.id
}

resource "aws_route_table" "network_app_routes_a" {
  tags = {
    Name = "${var.name}-app-a"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_app_routes_b" {
  tags = {
    Name = "${var.name}-app-b"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_app_routes_c" {
  count = length(var.availability_zones) == 3 ? 1 : 0
  tags = {
    Name = "${var.name}-app-c"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_data_routes" {
  tags = {
    Name = "${var.name}-data"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_public_routes" {
  tags = {
    Name = "${var.name}-public"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table_association" "network_app_routes_assoc_a" {
  route_table_id = aws_route_table.network_app_routes_a.id
  subnet_id      = aws_subnet.network_app_a.id
}

resource "aws_route_table_association" "network_app_routes_assoc_b" {
  route_table_id = aws_route_table.network_app_routes_b.id
  subnet_id      = aws_subnet.network_app_b.id
}

resource "aws_route_table_association" "network_app_routes_assoc_c" {
  count          = length(var.availability_zones) == 3 ? 1 : 0
  route_table_id = aws_route_table.network_app_routes_c[0].id
  subnet_id      = aws_subnet.network_app_c[0].id
}

resource "aws_route_table_association" "network_data_routes_a" {
  route_table_id = aws_route_table.network_data_routes.id
  subnet_id      = aws_subnet.network_data_a.id
}

resource "aws_route_table_association" "network_data_routes_b" {
  route_table_id = aws_route_table.network_data_routes.id
  subnet_id      = aws_subnet.network_data_b.id
}

resource "aws_route_table_association" "network_data_routes_c" {
  count          = length(var.availability_zones) == 3 ? 1 : 0
  route_table_id = aws_route_table.network_data_routes.id
  subnet_id      = aws_subnet.network_data_c[0].id
}

resource "aws_route_table_association" "network_public_routes_a" {
  route_table_id = aws_route_table.network_public_routes.id
  subnet_id      = aws_subnet.network_public_a.id
}

resource "aws_route_table_association" "network_public_routes_b" {
  route_table_id = aws_route_table.network_public_routes.id
  subnet_id      = aws_subnet.network_public_b.id
}

resource "aws_route_table_association" "network_public_routes_c" {
  count          = length(var.availability_zones) == 3 ? 1 : 0
  route_table_id = aws_route_table.network_public_routes.id
  subnet_id      = aws_subnet.network_public_c[0].id
}

resource "aws_subnet" "network_app_a" {
  availability_zone       = element(var.availability_zones, 0)
  cidr_block              = cidrsubnet(var.cidr, var.subnet_newbits, 1 * floor(pow(2, var.subnet_newbits) / 3) + 0)
  map_public_ip_on_launch = false
  tags = {
    Name = "${var.name}-app-a"
    Tier = "app"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_app_b" {
  availability_zone       = element(var.availability_zones, 1)
  cidr_block              = cidrsubnet(var.cidr, var.subnet_newbits, 1 * floor(pow(2, var.subnet_newbits) / 3) + 1)
  map_public_ip_on_launch = false
  tags = {
    Name = "${var.name}-app-b"
    Tier = "app"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_app_c" {
  count                   = length(var.availability_zones) == 3 ? 1 : 0
  availability_zone       = element(var.availability_zones, 2)
  cidr_block              = cidrsubnet(var.cidr, var.subnet_newbits, 1 * floor(pow(2, var.subnet_newbits) / 3) + 2)
  map_public_ip_on_launch = false
  tags = {
    Name = "${var.name}-app-c"
    Tier = "app"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_data_a" {
  availability_zone       = element(var.availability_zones, 0)
  cidr_block              = cidrsubnet(var.cidr, var.subnet_newbits, 2 * floor(pow(2, var.subnet_newbits) / 3) + 0)
  map_public_ip_on_launch = false
  tags = {
    Name = "${var.name}-data-a"
    Tier = "data"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_data_b" {
  availability_zone       = element(var.availability_zones, 1)
  cidr_block              = cidrsubnet(var.cidr, var.subnet_newbits, 2 * floor(pow(2, var.subnet_newbits) / 3) + 1)
  map_public_ip_on_launch = false
  tags = {
    Name = "${var.name}-data-b"
    Tier = "data"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_data_c" {
  count                   = length(var.availability_zones) == 3 ? 1 : 0
  availability_zone       = element(var.availability_zones, 2)
  cidr_block              = cidrsubnet(var.cidr, var.subnet_newbits, 2 * floor(pow(2, var.subnet_newbits) / 3) + 2)
  map_public_ip_on_launch = false
  tags = {
    Name = "${var.name}-data-c"
    Tier = "data"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_public_a" {
  availability_zone       = element(var.availability_zones, 0)
  cidr_block              = cidrsubnet(var.cidr, var.subnet_newbits, 0 * floor(pow(2, var.subnet_newbits) / 3) + 0)
  map_public_ip_on_launch = false
  tags = {
    Name = "${var.name}-public-a"
    Tier = "public"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_public_b" {
  availability_zone       = element(var.availability_zones, 1)
  cidr_block              = cidrsubnet(var.cidr, var.subnet_newbits, 0 * floor(pow(2, var.subnet_newbits) / 3) + 1)
  map_public_ip_on_launch = false
  tags = {
    Name = "${var.name}-public-b"
    Tier = "public"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_public_c" {
  count                   = length(var.availability_zones) == 3 ? 1 : 0
  availability_zone       = element(var.availability_zones, 2)
  cidr_block              = cidrsubnet(var.cidr, var.subnet_newbits, 0 * floor(pow(2, var.subnet_newbits) / 3) + 2)
  map_public_ip_on_launch = false
  tags = {
    Name = "${var.name}-public-c"
    Tier = "public"
  }
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_vpc" "network_vpc" {
  cidr_block           = var.cidr
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags = {
    Name = var.name
  }
}

resource "aws_vpc_endpoint" "network_endpoints_s3" {
  count           = var.enable_s3_gateway_endpoint ? 1 : 0
  route_table_ids = length(var.availability_zones) == 3 ? tolist([aws_route_table.network_app_routes_a.id, aws_route_table.network_app_routes_b.id, aws_route_table.network_app_routes_c[0].id, aws_route_table.network_data_routes.id]) : tolist([aws_route_table.network_app_routes_a.id, aws_route_table.network_app_routes_b.id, aws_route_table.network_data_routes.id])
  service_name    = "com.amazonaws.${var.region}.s3"
  tags = {
    Name = "${var.name}-s3"
  }
  vpc_endpoint_type = "Gateway"
  vpc_id            = aws_vpc.network_vpc.id
}
