output "access_log_bucket" {
  description = "S3 bucket holding the load balancer's access logs (and S3 server access logs)."
  value       = aws_s3_bucket.edge_access_logs_bucket.id
}

output "alarm_topic_arn" {
  description = "ARN of the SNS topic the alarms notify."
  value       = aws_sns_topic.alarms_topic.arn
}

output "alb_dns_name" {
  description = "DNS name of the load balancer (the Route 53 alias records point here)."
  value       = aws_lb.edge_alb.dns_name
}

output "backup_role_arn" {
  description = "Role AWS Backup uses; pass it as --iam-role-arn when starting a restore job."
  value       = aws_iam_role.backup_role.arn
}

output "backup_vault_name" {
  description = "AWS Backup vault with the database and file-system recovery points."
  value       = aws_backup_vault.backup_vault.name
}

output "certificate_arn" {
  description = "ARN of the HTTPS listener's certificate."
  value       = aws_acm_certificate.edge_certificate.arn
}

output "dashboard_url" {
  description = "URL of the Panintelligence dashboard."
  value       = "https://${var.domain_name}/pi"
}

output "db_address" {
  description = "Host name of the MariaDB repository (PI_DB_HOST), without the port."
  value       = aws_db_instance.database_instance.address
}

output "db_endpoint" {
  description = "address:port of the MariaDB repository."
  value       = aws_db_instance.database_instance.endpoint
}

output "db_instance_identifier" {
  description = "RDS instance identifier, for aws rds commands (see docs/runbooks/restore.md)."
  value       = "${var.name}-db"
}

output "db_master_secret_arn" {
  description = "ARN of the RDS-managed Secrets Manager secret with the master username and password (the ARN only, never the value)."
  value       = aws_db_instance.database_instance.master_user_secret[0].secret_arn
}

output "db_port" {
  description = "Port of the MariaDB repository (PI_DB_PORT)."
  value       = aws_db_instance.database_instance.port
}

output "db_schema_name" {
  description = "Schema the dashboard uses (PI_DB_SCHEMA_NAME)."
  value       = "dashboard"
}

output "ecs_cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.compute_cluster.name
}

output "ecs_services" {
  description = "Names of the ECS services in the cluster (dashboard, scheduler, renderer, pirana as configured)."
  value       = var.enable_renderer ? (var.enable_pirana ? tolist(["dashboard", "scheduler", "renderer", "pirana"]) : tolist(["dashboard", "scheduler", "renderer"])) : (var.enable_pirana ? tolist(["dashboard", "scheduler", "pirana"]) : tolist(["dashboard", "scheduler"]))
}

output "efs_access_point_ids" {
  description = "EFS access-point ids by Panintelligence directory (themes, images, files, svg, locale, custom_jdbc, keys, excel-data)."
  value = {
    custom_jdbc = aws_efs_access_point.file_storage_access_point_custom_jdbc.id
    excel-data  = aws_efs_access_point.file_storage_access_point_excel_data.id
    files       = aws_efs_access_point.file_storage_access_point_files.id
    images      = aws_efs_access_point.file_storage_access_point_images.id
    keys        = aws_efs_access_point.file_storage_access_point_keys.id
    locale      = aws_efs_access_point.file_storage_access_point_locale.id
    svg         = aws_efs_access_point.file_storage_access_point_svg.id
    themes      = aws_efs_access_point.file_storage_access_point_themes.id
  }
}

output "efs_file_system_id" {
  description = "Id of the EFS file system holding the Panintelligence directories."
  value       = aws_efs_file_system.file_storage_file_system.id
}

output "efs_initialiser_access_point_id" {
  description = "EFS access point at the parent directory, for the initialising Lambda."
  value       = aws_efs_access_point.file_storage_access_point_initialiser.id
}

output "efs_initialiser_result" {
  description = "What the EFS initialiser did on its last run: created, copied, skipped, noop, elapsed."
  value       = jsondecode(aws_lambda_invocation.efs_initialiser_run.result)
}

output "exec_log_group" {
  description = "Log group of ECS Exec sessions."
  value       = aws_cloudwatch_log_group.compute_cluster_exec_logs.name
}

output "licence_secret_arn" {
  description = "Secrets Manager secret the dashboard reads PI_LICENCE from (fill it: docs/runbooks/licence.md)."
  value       = aws_secretsmanager_secret.compute_licence.arn
}

output "operations_dashboard_name" {
  description = "CloudWatch dashboard with the metrics behind every alarm."
  value       = aws_cloudwatch_dashboard.observability_dashboard.dashboard_name
}

output "redeploy_runbook" {
  description = "SSM Automation runbook that force-redeploys one service (run by EventBridge when a watched secret changes)."
  value       = aws_ssm_document.compute_redeploy_runbook.name
}

output "service_log_groups" {
  description = "CloudWatch log group of each service's container (and its Service Connect proxy)."
  value       = var.enable_renderer ? (var.enable_pirana ? tomap({ "dashboard" = aws_cloudwatch_log_group.compute_dashboard_log_group.name, "pirana" = aws_cloudwatch_log_group.compute_pirana_log_group[0].name, "renderer" = aws_cloudwatch_log_group.compute_renderer_log_group[0].name, "scheduler" = aws_cloudwatch_log_group.compute_scheduler_log_group.name }) : tomap({ "dashboard" = aws_cloudwatch_log_group.compute_dashboard_log_group.name, "renderer" = aws_cloudwatch_log_group.compute_renderer_log_group[0].name, "scheduler" = aws_cloudwatch_log_group.compute_scheduler_log_group.name })) : (var.enable_pirana ? tomap({ "dashboard" = aws_cloudwatch_log_group.compute_dashboard_log_group.name, "pirana" = aws_cloudwatch_log_group.compute_pirana_log_group[0].name, "scheduler" = aws_cloudwatch_log_group.compute_scheduler_log_group.name }) : tomap({ "dashboard" = aws_cloudwatch_log_group.compute_dashboard_log_group.name, "scheduler" = aws_cloudwatch_log_group.compute_scheduler_log_group.name }))
}

output "service_security_group_ids" {
  description = "Security group of each service: admit it on a data source's own security group (compute.dataSources)."
  value       = var.enable_renderer ? (var.enable_pirana ? tomap({ "dashboard" = aws_security_group.compute_dashboard_security_group.id, "pirana" = aws_security_group.compute_pirana_security_group[0].id, "renderer" = aws_security_group.compute_renderer_security_group[0].id, "scheduler" = aws_security_group.compute_scheduler_security_group.id }) : tomap({ "dashboard" = aws_security_group.compute_dashboard_security_group.id, "renderer" = aws_security_group.compute_renderer_security_group[0].id, "scheduler" = aws_security_group.compute_scheduler_security_group.id })) : (var.enable_pirana ? tomap({ "dashboard" = aws_security_group.compute_dashboard_security_group.id, "pirana" = aws_security_group.compute_pirana_security_group[0].id, "scheduler" = aws_security_group.compute_scheduler_security_group.id }) : tomap({ "dashboard" = aws_security_group.compute_dashboard_security_group.id, "scheduler" = aws_security_group.compute_scheduler_security_group.id }))
}

output "upload_bucket_name" {
  description = "S3 bucket for themes, images and other files: objects under <directory>/ are copied onto EFS."
  value       = var.enable_upload_sync ? aws_s3_bucket.upload_sync_bucket[0].bucket : null
}
