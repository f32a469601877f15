output "app_subnet_ids" {
  description = "Ids of the app subnets, in availability-zone order: pass them to the panintelligence module's app_subnet_ids."
  value       = length(var.availability_zones) == 3 ? tolist([aws_subnet.network_app_a.id, aws_subnet.network_app_b.id, aws_subnet.network_app_c[0].id]) : tolist([aws_subnet.network_app_a.id, aws_subnet.network_app_b.id])
}

output "data_subnet_ids" {
  description = "Ids of the data subnets, in availability-zone order: pass them to the panintelligence module's data_subnet_ids."
  value       = length(var.availability_zones) == 3 ? tolist([aws_subnet.network_data_a.id, aws_subnet.network_data_b.id, aws_subnet.network_data_c[0].id]) : tolist([aws_subnet.network_data_a.id, aws_subnet.network_data_b.id])
}

output "public_subnet_ids" {
  description = "Ids of the public subnets, in availability-zone order: pass them to the panintelligence module's public_subnet_ids."
  value       = length(var.availability_zones) == 3 ? tolist([aws_subnet.network_public_a.id, aws_subnet.network_public_b.id, aws_subnet.network_public_c[0].id]) : tolist([aws_subnet.network_public_a.id, aws_subnet.network_public_b.id])
}

output "vpc_id" {
  description = "Id of the VPC."
  value       = aws_vpc.network_vpc.id
}
