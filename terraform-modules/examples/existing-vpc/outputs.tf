output "dashboard_url" {
  description = "Where the dashboard answers."
  value       = module.panintelligence.dashboard_url
}
