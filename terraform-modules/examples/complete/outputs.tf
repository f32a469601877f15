output "dashboard_url" {
  description = "Where the dashboard answers."
  value       = module.panintelligence.dashboard_url
}

output "vpc_id" {
  description = "Id of the VPC the network module created."
  value       = module.network.vpc_id
}
