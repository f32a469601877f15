locals {
  dashboard_tomcat_max_memory_mb              = var.dashboard_tomcat_max_memory_mb != null ? var.dashboard_tomcat_max_memory_mb : var.dashboard_memory_mib - max(1024, floor(var.dashboard_memory_mib / 4))
  service_connect_per_request_timeout_seconds = var.service_connect_per_request_timeout_seconds != null ? var.service_connect_per_request_timeout_seconds : var.idle_timeout_seconds
  service_connect_idle_timeout_seconds        = var.service_connect_idle_timeout_seconds != null ? var.service_connect_idle_timeout_seconds : var.idle_timeout_seconds
}

resource "aws_acm_certificate" "edge_certificate" {
  domain_name   = var.domain_name
  key_algorithm = "RSA_2048"
  tags = {
    Name = "${var.name}-${var.domain_name}"
  }
  validation_method = "DNS"

  options {
    certificate_transparency_logging_preference = "ENABLED"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_acm_certificate_validation" "edge_certificate_validation" {
  certificate_arn         = aws_acm_certificate.edge_certificate.arn
  validation_record_fqdns = [for key, val in aws_route53_record.edge_certificate_validation_record : val.fqdn]
}

resource "aws_appautoscaling_policy" "compute_dashboard_scaling_cpu" {
  name               = "${var.name}-dashboard-cpu"
  policy_type        = "TargetTrackingScaling"
  resource_id        = aws_appautoscaling_target.compute_dashboard_scaling_target.resource_id
  scalable_dimension = aws_appautoscaling_target.compute_dashboard_scaling_target.scalable_dimension
  service_namespace  = aws_appautoscaling_target.compute_dashboard_scaling_target.service_namespace

  target_tracking_scaling_policy_configuration {
    disable_scale_in   = false
    scale_in_cooldown  = 900
    scale_out_cooldown = 120
    target_value       = 70

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

resource "aws_appautoscaling_target" "compute_dashboard_scaling_target" {
  max_capacity       = 1
  min_capacity       = 1
  resource_id        = "service/${aws_ecs_cluster.compute_cluster.name}/${aws_ecs_service.compute_dashboard_service.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  service_namespace  = "ecs"

  depends_on = [aws_ecs_service.compute_dashboard_service]
}

resource "aws_backup_plan" "backup_plan" {
  name = "${var.name}-data"

  rule {
    completion_window = 360
    recovery_point_tags = {
      Project = var.name
    }
    rule_name         = "daily"
    schedule          = var.backup_schedule
    start_window      = 60
    target_vault_name = aws_backup_vault.backup_vault.name

    lifecycle {
      delete_after = var.backup_retention_days
    }
  }
}

resource "aws_backup_selection" "backup_selection" {
  iam_role_arn = aws_iam_role.backup_role.arn
  name         = "${var.name}-data"
  plan_id      = aws_backup_plan.backup_plan.id
  resources    = [aws_db_instance.database_instance.arn, aws_efs_file_system.file_storage_file_system.arn]
}

resource "aws_backup_vault" "backup_vault" {
  force_destroy = false
  name          = "${var.name}-backup"

  depends_on = [aws_db_option_group.database_option_group]

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_cloudwatch_dashboard" "observability_dashboard" {
  dashboard_body = jsonencode({ "widgets" = concat([{ "type" = "metric", "width" = 12, "height" = 6, "properties" = { "title" = "Requests and 5xx", "region" = var.region, "stat" = "Sum", "period" = 60, "view" = "timeSeries", "metrics" = [["AWS/ApplicationELB", "RequestCount", "LoadBalancer", aws_lb.edge_alb.arn_suffix], [".", "HTTPCode_ELB_5XX_Count", "LoadBalancer", aws_lb.edge_alb.arn_suffix], [".", "HTTPCode_Target_5XX_Count", "LoadBalancer", aws_lb.edge_alb.arn_suffix]] } }, { "type" = "metric", "width" = 12, "height" = 6, "properties" = { "title" = "Dashboard response time (p95) and healthy tasks", "region" = var.region, "stat" = "Average", "period" = 60, "view" = "timeSeries", "metrics" = [["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", aws_lb.edge_alb.arn_suffix, "TargetGroup", aws_lb_target_group.edge_dashboard_target_group.arn_suffix, { "stat" = "p95" }], [".", "HealthyHostCount", "LoadBalancer", aws_lb.edge_alb.arn_suffix, "TargetGroup", aws_lb_target_group.edge_dashboard_target_group.arn_suffix, { "yAxis" = "right" }]] } }, { "type" = "metric", "width" = 12, "height" = 6, "properties" = { "title" = "${aws_ecs_service.compute_dashboard_service.name}: CPU and memory", "region" = var.region, "stat" = "Average", "period" = 60, "view" = "timeSeries", "metrics" = [["AWS/ECS", "CPUUtilization", "ClusterName", aws_ecs_cluster.compute_cluster.name, "ServiceName", aws_ecs_service.compute_dashboard_service.name], [".", "MemoryUtilization", ".", ".", ".", "."]] } }, { "type" = "metric", "width" = 12, "height" = 6, "properties" = { "title" = "${aws_ecs_service.compute_scheduler_service.name}: CPU and memory", "region" = var.region, "stat" = "Average", "period" = 60, "view" = "timeSeries", "metrics" = [["AWS/ECS", "CPUUtilization", "ClusterName", aws_ecs_cluster.compute_cluster.name, "ServiceName", aws_ecs_service.compute_scheduler_service.name], [".", "MemoryUtilization", ".", ".", ".", "."]] } }], var.enable_renderer ? [{ "type" = "metric", "width" = 12, "height" = 6, "properties" = { "title" = "${aws_ecs_service.compute_renderer_service[0].name}: CPU and memory", "region" = var.region, "stat" = "Average", "period" = 60, "view" = "timeSeries", "metrics" = [["AWS/ECS", "CPUUtilization", "ClusterName", aws_ecs_cluster.compute_cluster.name, "ServiceName", aws_ecs_service.compute_renderer_service[0].name], [".", "MemoryUtilization", ".", ".", ".", "."]] } }] : [], var.enable_pirana ? [{ "type" = "metric", "width" = 12, "height" = 6, "properties" = { "title" = "${aws_ecs_service.compute_pirana_service[0].name}: CPU and memory", "region" = var.region, "stat" = "Average", "period" = 60, "view" = "timeSeries", "metrics" = [["AWS/ECS", "CPUUtilization", "ClusterName", aws_ecs_cluster.compute_cluster.name, "ServiceName", aws_ecs_service.compute_pirana_service[0].name], [".", "MemoryUtilization", ".", ".", ".", "."]] } }] : [], [{ "type" = "metric", "width" = 12, "height" = 6, "properties" = { "title" = "Database CPU and connections", "region" = var.region, "stat" = "Average", "period" = 60, "view" = "timeSeries", "metrics" = [["AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", "${var.name}-db"], [".", "DatabaseConnections", "DBInstanceIdentifier", "${var.name}-db", { "yAxis" = "right" }]] } }, { "type" = "metric", "width" = 12, "height" = 6, "properties" = { "title" = "Database free storage", "region" = var.region, "stat" = "Minimum", "period" = 60, "view" = "timeSeries", "metrics" = [["AWS/RDS", "FreeStorageSpace", "DBInstanceIdentifier", "${var.name}-db"]] } }, { "type" = "metric", "width" = 12, "height" = 6, "properties" = { "title" = "EFS I/O limit and throughput", "region" = var.region, "stat" = "Average", "period" = 60, "view" = "timeSeries", "metrics" = [["AWS/EFS", "PercentIOLimit", "FileSystemId", aws_efs_file_system.file_storage_file_system.id], [".", "MeteredIOBytes", "FileSystemId", aws_efs_file_system.file_storage_file_system.id, { "yAxis" = "right", "stat" = "Sum" }]] } }], var.enable_upload_sync ? [{ "type" = "metric", "width" = 12, "height" = 6, "properties" = { "title" = "Upload sync: errors and dead letters", "region" = var.region, "stat" = "Sum", "period" = 60, "view" = "timeSeries", "metrics" = [["AWS/Lambda", "Errors", "FunctionName", aws_lambda_function.upload_sync_function[0].function_name], ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.upload_sync_dead_letters[0].name, { "yAxis" = "right", "stat" = "Maximum" }]] } }] : []) })
  dashboard_name = "${var.name}-operations"
}

resource "aws_cloudwatch_event_rule" "compute_redeploy_db_changed" {
  description   = "db secret changed (RotationSucceeded): redeploy dashboard, scheduler"
  event_pattern = jsonencode({ "source" = ["aws.secretsmanager"], "detail-type" = ["AWS API Call via CloudTrail", "AWS Service Event via CloudTrail"], "detail" = { "eventSource" = ["secretsmanager.amazonaws.com"], "eventName" = ["RotationSucceeded"], "$or" = [{ "responseElements" = { "arn" = [aws_db_instance.database_instance.master_user_secret[0].secret_arn] } }, { "additionalEventData" = { "SecretId" = [aws_db_instance.database_instance.master_user_secret[0].secret_arn] } }] } })
  name          = "${var.name}-db-changed"
}

resource "aws_cloudwatch_event_rule" "compute_redeploy_licence_changed" {
  description   = "licence secret changed (PutSecretValue, UpdateSecret, RotationSucceeded): redeploy dashboard"
  event_pattern = jsonencode({ "source" = ["aws.secretsmanager"], "detail-type" = ["AWS API Call via CloudTrail", "AWS Service Event via CloudTrail"], "detail" = { "eventSource" = ["secretsmanager.amazonaws.com"], "eventName" = ["PutSecretValue", "UpdateSecret", "RotationSucceeded"], "$or" = [{ "responseElements" = { "arn" = [aws_secretsmanager_secret.compute_licence.arn] } }, { "additionalEventData" = { "SecretId" = [aws_secretsmanager_secret.compute_licence.arn] } }] } })
  name          = "${var.name}-licence-changed"
}

resource "aws_cloudwatch_event_target" "compute_redeploy_db_dashboard" {
  arn       = "arn:aws:ssm:${var.region}:${var.account_id}:automation-definition/${var.name}-redeploy"
  input     = jsonencode({ "AutomationAssumeRole" = [aws_iam_role.compute_redeploy_automation_role.arn], "Cluster" = [var.name], "Service" = ["dashboard"] })
  role_arn  = aws_iam_role.compute_redeploy_events_role.arn
  rule      = aws_cloudwatch_event_rule.compute_redeploy_db_changed.name
  target_id = "dashboard"

  depends_on = [aws_ssm_document.compute_redeploy_runbook]
}

resource "aws_cloudwatch_event_target" "compute_redeploy_db_scheduler" {
  arn       = "arn:aws:ssm:${var.region}:${var.account_id}:automation-definition/${var.name}-redeploy"
  input     = jsonencode({ "AutomationAssumeRole" = [aws_iam_role.compute_redeploy_automation_role.arn], "Cluster" = [var.name], "Service" = ["scheduler"] })
  role_arn  = aws_iam_role.compute_redeploy_events_role.arn
  rule      = aws_cloudwatch_event_rule.compute_redeploy_db_changed.name
  target_id = "scheduler"

  depends_on = [aws_ssm_document.compute_redeploy_runbook]
}

resource "aws_cloudwatch_event_target" "compute_redeploy_licence_dashboard" {
  arn       = "arn:aws:ssm:${var.region}:${var.account_id}:automation-definition/${var.name}-redeploy"
  input     = jsonencode({ "AutomationAssumeRole" = [aws_iam_role.compute_redeploy_automation_role.arn], "Cluster" = [var.name], "Service" = ["dashboard"] })
  role_arn  = aws_iam_role.compute_redeploy_events_role.arn
  rule      = aws_cloudwatch_event_rule.compute_redeploy_licence_changed.name
  target_id = "dashboard"

  depends_on = [aws_ssm_document.compute_redeploy_runbook]
}

resource "aws_cloudwatch_log_group" "compute_cluster_exec_logs" {
  name              = "/ecs/${var.name}/exec"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_log_group" "compute_dashboard_log_group" {
  name              = "/ecs/${var.name}/dashboard"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_log_group" "compute_pirana_log_group" {
  count             = var.enable_pirana ? 1 : 0
  name              = "/ecs/${var.name}/pirana"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_log_group" "compute_renderer_log_group" {
  count             = var.enable_renderer ? 1 : 0
  name              = "/ecs/${var.name}/renderer"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_log_group" "compute_scheduler_log_group" {
  name              = "/ecs/${var.name}/scheduler"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_log_group" "database_log_group_audit" {
  name              = "/aws/rds/instance/${var.name}-db/audit"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_log_group" "database_log_group_error" {
  name              = "/aws/rds/instance/${var.name}-db/error"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_log_group" "database_log_group_slowquery" {
  name              = "/aws/rds/instance/${var.name}-db/slowquery"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_log_group" "edge_waf_log_group" {
  count             = var.enable_waf ? 1 : 0
  name              = "aws-waf-logs-${var.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_log_group" "efs_initialiser_function_log_group" {
  name              = "/aws/lambda/${var.name}-efs-init"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_log_group" "upload_sync_function_log_group" {
  count             = var.enable_upload_sync ? 1 : 0
  name              = "/aws/lambda/${var.name}-upload-sync"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_metric_alarm" "compute_deployment_alarms_target_5xx" {
  alarm_actions       = [aws_sns_topic.alarms_topic.arn]
  alarm_description   = "Deployment guard: more than ${var.alarm_alb_server_error_percent}% of the dashboard targets' responses were 5xx in 3 minutes in a row; ECS rolls the deployment back."
  alarm_name          = "${var.name}-dashboard-deploy-5xx"
  comparison_operator = "GreaterThanThreshold"
  datapoints_to_alarm = 3
  evaluation_periods  = 3
  ok_actions          = [aws_sns_topic.alarms_topic.arn]
  threshold           = var.alarm_alb_server_error_percent
  treat_missing_data  = "notBreaching"

  metric_query {
    id          = "target5xx"
    return_data = false

    metric {
      dimensions = {
        LoadBalancer = aws_lb.edge_alb.arn_suffix
        TargetGroup  = aws_lb_target_group.edge_dashboard_target_group.arn_suffix
      }
      metric_name = "HTTPCode_Target_5XX_Count"
      namespace   = "AWS/ApplicationELB"
      period      = 60
      stat        = "Sum"
    }
  }

  metric_query {
    id          = "requests"
    return_data = false

    metric {
      dimensions = {
        LoadBalancer = aws_lb.edge_alb.arn_suffix
        TargetGroup  = aws_lb_target_group.edge_dashboard_target_group.arn_suffix
      }
      metric_name = "RequestCount"
      namespace   = "AWS/ApplicationELB"
      period      = 60
      stat        = "Sum"
    }
  }

  metric_query {
    expression  = "IF(requests >= 20, 100 * FILL(target5xx, 0) / requests, 0)"
    id          = "rate"
    label       = "dashboard 5xx responses (% of requests)"
    return_data = true
  }
}

resource "aws_cloudwatch_metric_alarm" "compute_deployment_alarms_unhealthy" {
  alarm_actions       = [aws_sns_topic.alarms_topic.arn]
  alarm_description   = "Deployment guard: 1 or more dashboard targets failed /pi/version for 5 minutes in a row; ECS rolls the deployment back."
  alarm_name          = "${var.name}-dashboard-deploy-unhealthy"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  dimensions = {
    LoadBalancer = aws_lb.edge_alb.arn_suffix
    TargetGroup  = aws_lb_target_group.edge_dashboard_target_group.arn_suffix
  }
  evaluation_periods = 5
  metric_name        = "UnHealthyHostCount"
  namespace          = "AWS/ApplicationELB"
  ok_actions         = [aws_sns_topic.alarms_topic.arn]
  period             = 60
  statistic          = "Maximum"
  threshold          = 1
  treat_missing_data = "notBreaching"
}

resource "aws_cloudwatch_metric_alarm" "edge_alarms_response_time" {
  alarm_actions       = [aws_sns_topic.alarms_topic.arn]
  alarm_description   = "The dashboard's 95th-percentile response time exceeded ${var.alarm_alb_target_response_time_seconds} s in 3 of 5 minutes."
  alarm_name          = "${var.name}-dashboard-p95-latency"
  comparison_operator = "GreaterThanThreshold"
  datapoints_to_alarm = 3
  dimensions = {
    LoadBalancer = aws_lb.edge_alb.arn_suffix
    TargetGroup  = aws_lb_target_group.edge_dashboard_target_group.arn_suffix
  }
  evaluation_periods = 5
  extended_statistic = "p95"
  metric_name        = "TargetResponseTime"
  namespace          = "AWS/ApplicationELB"
  ok_actions         = [aws_sns_topic.alarms_topic.arn]
  period             = 60
  threshold          = var.alarm_alb_target_response_time_seconds
  treat_missing_data = "notBreaching"
}

resource "aws_cloudwatch_metric_alarm" "edge_alarms_server_errors" {
  alarm_actions       = [aws_sns_topic.alarms_topic.arn]
  alarm_description   = "More than ${var.alarm_alb_server_error_percent}% of requests to the load balancer ended in a 5xx response (load balancer or dashboard)."
  alarm_name          = "${var.name}-alb-5xx-rate"
  comparison_operator = "GreaterThanThreshold"
  datapoints_to_alarm = 3
  evaluation_periods  = 5
  ok_actions          = [aws_sns_topic.alarms_topic.arn]
  threshold           = var.alarm_alb_server_error_percent
  treat_missing_data  = "notBreaching"

  metric_query {
    id          = "elb5xx"
    return_data = false

    metric {
      dimensions = {
        LoadBalancer = aws_lb.edge_alb.arn_suffix
      }
      metric_name = "HTTPCode_ELB_5XX_Count"
      namespace   = "AWS/ApplicationELB"
      period      = 60
      stat        = "Sum"
    }
  }

  metric_query {
    id          = "target5xx"
    return_data = false

    metric {
      dimensions = {
        LoadBalancer = aws_lb.edge_alb.arn_suffix
      }
      metric_name = "HTTPCode_Target_5XX_Count"
      namespace   = "AWS/ApplicationELB"
      period      = 60
      stat        = "Sum"
    }
  }

  metric_query {
    id          = "requests"
    return_data = false

    metric {
      dimensions = {
        LoadBalancer = aws_lb.edge_alb.arn_suffix
      }
      metric_name = "RequestCount"
      namespace   = "AWS/ApplicationELB"
      period      = 60
      stat        = "Sum"
    }
  }

  metric_query {
    expression  = "IF(requests >= 20, 100 * (FILL(elb5xx, 0) + FILL(target5xx, 0)) / requests, 0)"
    id          = "rate"
    label       = "5xx responses (% of requests)"
    return_data = true
  }
}

resource "aws_cloudwatch_metric_alarm" "edge_alarms_unhealthy_targets" {
  alarm_actions       = [aws_sns_topic.alarms_topic.arn]
  alarm_description   = "1 or more dashboard tasks failed the /pi/version health check for 3 minutes."
  alarm_name          = "${var.name}-dashboard-unhealthy"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  dimensions = {
    LoadBalancer = aws_lb.edge_alb.arn_suffix
    TargetGroup  = aws_lb_target_group.edge_dashboard_target_group.arn_suffix
  }
  evaluation_periods = 3
  metric_name        = "UnHealthyHostCount"
  namespace          = "AWS/ApplicationELB"
  ok_actions         = [aws_sns_topic.alarms_topic.arn]
  period             = 60
  statistic          = "Maximum"
  threshold          = 1
  treat_missing_data = "notBreaching"
}

resource "aws_cloudwatch_metric_alarm" "observability_dashboard_cpu" {
  alarm_actions       = [aws_sns_topic.alarms_topic.arn]
  alarm_description   = "The dashboard service's CPU stayed above ${var.alarm_dashboard_cpu_percent}% for 10 minutes: autoscaling is at its maximum or too slow."
  alarm_name          = "${var.name}-dashboard-cpu"
  comparison_operator = "GreaterThanThreshold"
  dimensions = {
    ClusterName = aws_ecs_cluster.compute_cluster.name
    ServiceName = aws_ecs_service.compute_dashboard_service.name
  }
  evaluation_periods = 10
  metric_name        = "CPUUtilization"
  namespace          = "AWS/ECS"
  ok_actions         = [aws_sns_topic.alarms_topic.arn]
  period             = 60
  statistic          = "Average"
  threshold          = var.alarm_dashboard_cpu_percent
  treat_missing_data = "notBreaching"
}

resource "aws_cloudwatch_metric_alarm" "observability_data_alarms_db_connections" {
  alarm_actions       = [aws_sns_topic.alarms_topic.arn]
  alarm_description   = "More than ${var.alarm_database_connections} database connections for 5 minutes (Panintelligence warns near 300)."
  alarm_name          = "${var.name}-db-connections"
  comparison_operator = "GreaterThanThreshold"
  dimensions = {
    DBInstanceIdentifier = "${var.name}-db"
  }
  evaluation_periods = 5
  metric_name        = "DatabaseConnections"
  namespace          = "AWS/RDS"
  ok_actions         = [aws_sns_topic.alarms_topic.arn]
  period             = 60
  statistic          = "Maximum"
  threshold          = var.alarm_database_connections
  treat_missing_data = "notBreaching"
}

resource "aws_cloudwatch_metric_alarm" "observability_data_alarms_db_cpu" {
  alarm_actions       = [aws_sns_topic.alarms_topic.arn]
  alarm_description   = "Database CPU above ${var.alarm_database_cpu_percent}% for 10 minutes: find the heavy queries or size the instance up."
  alarm_name          = "${var.name}-db-cpu"
  comparison_operator = "GreaterThanThreshold"
  dimensions = {
    DBInstanceIdentifier = "${var.name}-db"
  }
  evaluation_periods = 10
  metric_name        = "CPUUtilization"
  namespace          = "AWS/RDS"
  ok_actions         = [aws_sns_topic.alarms_topic.arn]
  period             = 60
  statistic          = "Average"
  threshold          = var.alarm_database_cpu_percent
  treat_missing_data = "notBreaching"
}

resource "aws_cloudwatch_metric_alarm" "observability_data_alarms_db_free_storage" {
  alarm_actions       = [aws_sns_topic.alarms_topic.arn]
  alarm_description   = "Database free storage below 5 GiB."
  alarm_name          = "${var.name}-db-free-storage"
  comparison_operator = "LessThanThreshold"
  dimensions = {
    DBInstanceIdentifier = "${var.name}-db"
  }
  evaluation_periods = 5
  metric_name        = "FreeStorageSpace"
  namespace          = "AWS/RDS"
  ok_actions         = [aws_sns_topic.alarms_topic.arn]
  period             = 60
  statistic          = "Minimum"
  threshold          = 5368709120
  treat_missing_data = "notBreaching"
}

resource "aws_cloudwatch_metric_alarm" "observability_data_alarms_efs_io_limit" {
  alarm_actions       = [aws_sns_topic.alarms_topic.arn]
  alarm_description   = "EFS I/O above 95% of its limit for 15 minutes."
  alarm_name          = "${var.name}-efs-io-limit"
  comparison_operator = "GreaterThanThreshold"
  dimensions = {
    FileSystemId = aws_efs_file_system.file_storage_file_system.id
  }
  evaluation_periods = 15
  metric_name        = "PercentIOLimit"
  namespace          = "AWS/EFS"
  ok_actions         = [aws_sns_topic.alarms_topic.arn]
  period             = 60
  statistic          = "Maximum"
  threshold          = 95
  treat_missing_data = "notBreaching"
}

resource "aws_cloudwatch_metric_alarm" "observability_upload_alarms_dead_letters" {
  count               = var.enable_upload_sync ? 1 : 0
  alarm_actions       = [aws_sns_topic.alarms_topic.arn]
  alarm_description   = "Uploads that never reached EFS are waiting in the dead-letter queue (see docs/runbooks)."
  alarm_name          = "${var.name}-upload-sync-dead-letters"
  comparison_operator = "GreaterThanThreshold"
  dimensions = {
    QueueName = aws_sqs_queue.upload_sync_dead_letters[0].name
  }
  evaluation_periods = 1
  metric_name        = "ApproximateNumberOfMessagesVisible"
  namespace          = "AWS/SQS"
  ok_actions         = [aws_sns_topic.alarms_topic.arn]
  period             = 300
  statistic          = "Maximum"
  threshold          = 0
  treat_missing_data = "notBreaching"
}

resource "aws_cloudwatch_metric_alarm" "observability_upload_alarms_sync_errors" {
  count               = var.enable_upload_sync ? 1 : 0
  alarm_actions       = [aws_sns_topic.alarms_topic.arn]
  alarm_description   = "The upload-sync function failed; S3 retries, then parks the event in the dead-letter queue."
  alarm_name          = "${var.name}-upload-sync-errors"
  comparison_operator = "GreaterThanThreshold"
  dimensions = {
    FunctionName = aws_lambda_function.upload_sync_function[0].function_name
  }
  evaluation_periods = 1
  metric_name        = "Errors"
  namespace          = "AWS/Lambda"
  ok_actions         = [aws_sns_topic.alarms_topic.arn]
  period             = 300
  statistic          = "Sum"
  threshold          = 0
  treat_missing_data = "notBreaching"
}

resource "aws_db_instance" "database_instance" {
  allocated_storage               = var.database_allocated_storage_gib
  apply_immediately               = var.database_apply_immediately
  auto_minor_version_upgrade      = true
  backup_retention_period         = var.database_backup_retention_days
  backup_window                   = var.database_backup_window
  copy_tags_to_snapshot           = true
  db_name                         = "dashboard"
  db_subnet_group_name            = aws_db_subnet_group.database_subnet_group.name
  delete_automated_backups        = false
  deletion_protection             = true
  enabled_cloudwatch_logs_exports = ["audit", "error", "slowquery"]
  engine                          = "mariadb"
  engine_version                  = "10.11"
  final_snapshot_identifier       = "${var.name}-db-final-${formatdate("YYYYMMDDhhmmss", terraform_data.database_final_snapshot_name_created_at.output)}"
  identifier                      = "${var.name}-db"
  instance_class                  = var.database_instance_class
  maintenance_window              = var.database_maintenance_window
  manage_master_user_password     = true
  max_allocated_storage           = var.database_max_allocated_storage_gib
  monitoring_interval             = var.database_monitoring_interval_seconds
  monitoring_role_arn             = aws_iam_role.database_monitoring_role.arn
  multi_az                        = var.database_multi_az
  network_type                    = "IPV4"
  option_group_name               = aws_db_option_group.database_option_group.name
  parameter_group_name            = aws_db_parameter_group.database_parameter_group.name
  port                            = 3306
  publicly_accessible             = false
  skip_final_snapshot             = false
  storage_encrypted               = true
  storage_type                    = "gp3"
  tags = {
    Name = "${var.name}-db"
  }
  username               = var.database_master_username
  vpc_security_group_ids = [aws_security_group.database_security_group.id]

  depends_on = [
    aws_cloudwatch_log_group.database_log_group_audit,
    aws_cloudwatch_log_group.database_log_group_error,
    aws_cloudwatch_log_group.database_log_group_slowquery,
  ]

  lifecycle {
    ignore_changes  = [snapshot_identifier]
    prevent_destroy = true
  }
}

resource "aws_db_option_group" "database_option_group" {
  engine_name              = "mariadb"
  major_engine_version     = "10.11"
  name                     = "${var.name}-mariadb10-11-audit"
  option_group_description = "MariaDB Audit Plugin"

  option {
    option_name = "MARIADB_AUDIT_PLUGIN"

    option_settings {
      name  = "SERVER_AUDIT_EVENTS"
      value = "CONNECT,QUERY_DDL,QUERY_DCL"
    }

    option_settings {
      name  = "SERVER_AUDIT_EXCL_USERS"
      value = "rdsadmin"
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_db_parameter_group" "database_parameter_group" {
  description = "Panintelligence repository settings"
  family      = "mariadb10.11"
  name        = "${var.name}-mariadb10-11"

  parameter {
    apply_method = "pending-reboot"
    name         = "lower_case_table_names"
    value        = "1"
  }

  parameter {
    apply_method = "immediate"
    name         = "sql_mode"
    value        = "NO_AUTO_VALUE_ON_ZERO"
  }

  parameter {
    apply_method = "immediate"
    name         = "log_bin_trust_function_creators"
    value        = "1"
  }

  parameter {
    apply_method = "immediate"
    name         = "character_set_server"
    value        = "utf8mb4"
  }

  parameter {
    apply_method = "immediate"
    name         = "collation_server"
    value        = "utf8mb4_unicode_ci"
  }

  parameter {
    apply_method = "immediate"
    name         = "slow_query_log"
    value        = "1"
  }

  parameter {
    apply_method = "immediate"
    name         = "long_query_time"
    value        = "2"
  }

  parameter {
    apply_method = "immediate"
    name         = "require_secure_transport"
    value        = "0"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_db_snapshot" "compute_pre_upgrade_snapshot" {
  db_instance_identifier = "${var.name}-db"
  db_snapshot_identifier = "${var.name}-pre-${trim(replace(var.dashboard_image_tag, "/[^a-zA-Z0-9]+/", "-"), "-")}"
  tags = {
    Name    = "${var.name}-pre-upgrade"
    Purpose = "pre-upgrade"
    Version = var.dashboard_image_tag
  }

  timeouts {
    create = "60m"
  }

  depends_on = [aws_db_instance.database_instance]

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_db_subnet_group" "database_subnet_group" {
  description = "Private data subnets (no internet route)"
  name        = "${var.name}-data"
  subnet_ids  = var.data_subnet_ids
  tags = {
    Name = "${var.name}-data"
  }
}

resource "aws_ecs_cluster" "compute_cluster" {
  name = var.name
  tags = {
    Name = var.name
  }

  configuration {
    execute_command_configuration {
      logging = "OVERRIDE"

      log_configuration {
        cloud_watch_encryption_enabled = false
        cloud_watch_log_group_name     = aws_cloudwatch_log_group.compute_cluster_exec_logs.name
      }
    }
  }

  service_connect_defaults {
    namespace = aws_service_discovery_http_namespace.compute_cluster_namespace.arn
  }

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_ecs_cluster_capacity_providers" "compute_cluster_capacity_providers" {
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]
  cluster_name       = aws_ecs_cluster.compute_cluster.name

  default_capacity_provider_strategy {
    base              = 0
    capacity_provider = "FARGATE"
    weight            = 1
  }
}

resource "aws_ecs_service" "compute_dashboard_service" {
  cluster                            = aws_ecs_cluster.compute_cluster.arn
  deployment_maximum_percent         = 100
  deployment_minimum_healthy_percent = 0
  desired_count                      = 1
  enable_ecs_managed_tags            = true
  enable_execute_command             = false
  health_check_grace_period_seconds  = 300
  name                               = "dashboard"
  platform_version                   = "LATEST"
  propagate_tags                     = "SERVICE"
  tags = {
    Name = "${var.name}-dashboard"
  }
  task_definition       = aws_ecs_task_definition.compute_dashboard_task_definition.arn
  wait_for_steady_state = false

  alarms {
    alarm_names = [
      aws_cloudwatch_metric_alarm.compute_deployment_alarms_target_5xx.alarm_name,
      aws_cloudwatch_metric_alarm.compute_deployment_alarms_unhealthy.alarm_name,
    ]
    enable   = true
    rollback = true
  }

  capacity_provider_strategy {
    base              = 0
    capacity_provider = "FARGATE"
    weight            = 1
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  load_balancer {
    container_name   = "dashboard"
    container_port   = 8224
    target_group_arn = aws_lb_target_group.edge_dashboard_target_group.arn
  }

  network_configuration {
    assign_public_ip = false
    security_groups  = [aws_security_group.compute_dashboard_security_group.id]
    subnets          = var.app_subnet_ids
  }

  service_connect_configuration {
    enabled   = true
    namespace = aws_service_discovery_http_namespace.compute_cluster_namespace.arn

    log_configuration {
      log_driver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.compute_dashboard_log_group.name
        awslogs-region        = var.region
        awslogs-stream-prefix = "service-connect"
      }
    }

    service {
      discovery_name = "dashboard-internal"
      port_name      = "dashboard-internal"

      client_alias {
        dns_name = "dashboard-internal"
        port     = 28748
      }

      timeout {
        idle_timeout_seconds        = local.service_connect_idle_timeout_seconds
        per_request_timeout_seconds = local.service_connect_per_request_timeout_seconds
      }
    }
  }

  depends_on = [
    aws_db_snapshot.compute_pre_upgrade_snapshot,
    aws_ecs_cluster_capacity_providers.compute_cluster_capacity_providers,
    aws_ecs_service.compute_pirana_service,
    aws_ecs_service.compute_renderer_service,
    aws_efs_mount_target.file_storage_mount_targets,
    aws_iam_role_policy.compute_dashboard_execution_secrets,
    aws_iam_role_policy.compute_dashboard_task_policy,
    aws_iam_role_policy_attachment.compute_dashboard_execution_managed,
    aws_lambda_invocation.efs_initialiser_run,
    aws_lb_listener_rule.edge_dashboard_rule,
    aws_secretsmanager_secret_version.compute_licence_placeholder,
    aws_vpc_security_group_egress_rule.compute_dashboard_egress_database,
    aws_vpc_security_group_egress_rule.compute_dashboard_egress_efs,
    aws_vpc_security_group_ingress_rule.database_security_group_from_ecs_dashboard_service,
    aws_vpc_security_group_ingress_rule.file_storage_security_group_from_ecs_dashboard_service,
  ]

  lifecycle {
    ignore_changes = [desired_count]
  }
}

resource "aws_ecs_service" "compute_pirana_service" {
  count                              = var.enable_pirana ? 1 : 0
  cluster                            = aws_ecs_cluster.compute_cluster.arn
  deployment_maximum_percent         = 200
  deployment_minimum_healthy_percent = 100
  desired_count                      = 1
  enable_ecs_managed_tags            = true
  enable_execute_command             = false
  name                               = "pirana"
  platform_version                   = "LATEST"
  propagate_tags                     = "SERVICE"
  tags = {
    Name = "${var.name}-pirana"
  }
  task_definition       = aws_ecs_task_definition.compute_pirana_task_definition[0].arn
  wait_for_steady_state = false

  capacity_provider_strategy {
    base              = 0
    capacity_provider = "FARGATE"
    weight            = 1
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    assign_public_ip = false
    security_groups  = [aws_security_group.compute_pirana_security_group[0].id]
    subnets          = var.app_subnet_ids
  }

  service_connect_configuration {
    enabled   = true
    namespace = aws_service_discovery_http_namespace.compute_cluster_namespace.arn

    log_configuration {
      log_driver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.compute_pirana_log_group[0].name
        awslogs-region        = var.region
        awslogs-stream-prefix = "service-connect"
      }
    }

    service {
      discovery_name = "pirana"
      port_name      = "pirana"

      client_alias {
        dns_name = "pirana"
        port     = 9918
      }

      timeout {
        idle_timeout_seconds        = local.service_connect_idle_timeout_seconds
        per_request_timeout_seconds = local.service_connect_per_request_timeout_seconds
      }
    }
  }

  depends_on = [
    aws_iam_role_policy_attachment.compute_pirana_execution_managed,
    aws_ecs_cluster_capacity_providers.compute_cluster_capacity_providers,
    aws_lambda_invocation.efs_initialiser_run,
    aws_efs_mount_target.file_storage_mount_targets,
  ]

  lifecycle {
    ignore_changes = [desired_count]
  }
}

resource "aws_ecs_service" "compute_renderer_service" {
  count                              = var.enable_renderer ? 1 : 0
  cluster                            = aws_ecs_cluster.compute_cluster.arn
  deployment_maximum_percent         = 200
  deployment_minimum_healthy_percent = 100
  desired_count                      = 1
  enable_ecs_managed_tags            = true
  enable_execute_command             = false
  name                               = "renderer"
  platform_version                   = "LATEST"
  propagate_tags                     = "SERVICE"
  tags = {
    Name = "${var.name}-renderer"
  }
  task_definition       = aws_ecs_task_definition.compute_renderer_task_definition[0].arn
  wait_for_steady_state = false

  capacity_provider_strategy {
    base              = 0
    capacity_provider = "FARGATE"
    weight            = 1
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    assign_public_ip = false
    security_groups  = [aws_security_group.compute_renderer_security_group[0].id]
    subnets          = var.app_subnet_ids
  }

  service_connect_configuration {
    enabled   = true
    namespace = aws_service_discovery_http_namespace.compute_cluster_namespace.arn

    log_configuration {
      log_driver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.compute_renderer_log_group[0].name
        awslogs-region        = var.region
        awslogs-stream-prefix = "service-connect"
      }
    }

    service {
      discovery_name = "renderer"
      port_name      = "renderer"

      client_alias {
        dns_name = "renderer"
        port     = 9915
      }

      timeout {
        idle_timeout_seconds        = local.service_connect_idle_timeout_seconds
        per_request_timeout_seconds = local.service_connect_per_request_timeout_seconds
      }
    }
  }

  depends_on = [
    aws_iam_role_policy_attachment.compute_renderer_execution_managed,
    aws_ecs_cluster_capacity_providers.compute_cluster_capacity_providers,
    aws_lambda_invocation.efs_initialiser_run,
    aws_efs_mount_target.file_storage_mount_targets,
  ]

  lifecycle {
    ignore_changes = [desired_count]
  }
}

resource "aws_ecs_service" "compute_scheduler_service" {
  cluster                            = aws_ecs_cluster.compute_cluster.arn
  deployment_maximum_percent         = 100
  deployment_minimum_healthy_percent = 0
  desired_count                      = 1
  enable_ecs_managed_tags            = true
  enable_execute_command             = false
  name                               = "scheduler"
  platform_version                   = "LATEST"
  propagate_tags                     = "SERVICE"
  tags = {
    Name = "${var.name}-scheduler"
  }
  task_definition       = aws_ecs_task_definition.compute_scheduler_task_definition.arn
  wait_for_steady_state = false

  capacity_provider_strategy {
    base              = 0
    capacity_provider = "FARGATE"
    weight            = 1
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    assign_public_ip = false
    security_groups  = [aws_security_group.compute_scheduler_security_group.id]
    subnets          = var.app_subnet_ids
  }

  service_connect_configuration {
    enabled   = true
    namespace = aws_service_discovery_http_namespace.compute_cluster_namespace.arn

    log_configuration {
      log_driver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.compute_scheduler_log_group.name
        awslogs-region        = var.region
        awslogs-stream-prefix = "service-connect"
      }
    }

    service {
      discovery_name = "scheduler"
      port_name      = "scheduler"

      client_alias {
        dns_name = "scheduler"
        port     = 9917
      }

      timeout {
        idle_timeout_seconds        = local.service_connect_idle_timeout_seconds
        per_request_timeout_seconds = local.service_connect_per_request_timeout_seconds
      }
    }
  }

  depends_on = [
    aws_iam_role_policy_attachment.compute_scheduler_execution_managed,
    aws_iam_role_policy.compute_scheduler_execution_secrets,
    aws_iam_role_policy.compute_scheduler_task_policy,
    aws_vpc_security_group_egress_rule.compute_scheduler_egress_database,
    aws_vpc_security_group_ingress_rule.database_security_group_from_ecs_scheduler_service,
    aws_vpc_security_group_egress_rule.compute_scheduler_egress_efs,
    aws_vpc_security_group_ingress_rule.file_storage_security_group_from_ecs_scheduler_service,
    aws_ecs_cluster_capacity_providers.compute_cluster_capacity_providers,
    aws_lambda_invocation.efs_initialiser_run,
    aws_efs_mount_target.file_storage_mount_targets,
    aws_db_snapshot.compute_pre_upgrade_snapshot,
    aws_ecs_service.compute_dashboard_service,
    aws_ecs_service.compute_dashboard_service,
  ]

  lifecycle {
    ignore_changes = []
  }
}

resource "aws_ecs_task_definition" "compute_dashboard_task_definition" {
  container_definitions    = jsonencode([{ "name" = "dashboard", "image" = "${var.dashboard_image_repository}:${var.dashboard_image_tag}", "essential" = true, "portMappings" = [{ "name" = "dashboard", "containerPort" = 8224, "protocol" = "tcp", "appProtocol" = "http" }, { "name" = "dashboard-internal", "containerPort" = 28748, "protocol" = "tcp", "appProtocol" = "http" }], "environment" = concat([{ "name" = "PI_DB_HOST", "value" = tostring(aws_db_instance.database_instance.address) }, { "name" = "PI_DB_PORT", "value" = tostring(aws_db_instance.database_instance.port) }, { "name" = "PI_DB_SCHEMA_NAME", "value" = "dashboard" }, { "name" = "PI_EXTERNAL_DB", "value" = "true" }, { "name" = "PI_PROXY_ENABLED", "value" = "true" }, { "name" = "PI_PROXY_HOST", "value" = tostring(var.domain_name) }, { "name" = "PI_PROXY_IS_SECURE", "value" = "true" }, { "name" = "PI_PROXY_PORT", "value" = "443" }, { "name" = "PI_PROXY_SCHEME", "value" = "https" }, { "name" = "PI_TOMCAT_COOKIE_SECURE", "value" = "true" }, { "name" = "PI_TOMCAT_MAX_MEMORY", "value" = tostring(local.dashboard_tomcat_max_memory_mb) }], var.enable_pirana ? [{ "name" = "PI_VARIABLE_ANALYTICS_SERVER_URL", "value" = "http://pirana:9918" }] : [], var.enable_renderer ? [{ "name" = "PI_VARIABLE_PAN_RENDERER_URL", "value" = "http://renderer:9915" }] : [], [{ "name" = "PI_VARIABLE_PAN_SCHEDULER_URL", "value" = "http://scheduler:9917" }], var.enable_renderer ? [{ "name" = "RENDERER_DASHBOARD_URL", "value" = "http://dashboard-internal:28748/pi" }] : []), "secrets" = [{ "name" = "PI_DB_PASSWORD", "valueFrom" = "${aws_db_instance.database_instance.master_user_secret[0].secret_arn}:password::" }, { "name" = "PI_DB_USERNAME", "valueFrom" = "${aws_db_instance.database_instance.master_user_secret[0].secret_arn}:username::" }, { "name" = "PI_LICENCE", "valueFrom" = aws_secretsmanager_secret.compute_licence.arn }], "mountPoints" = [{ "sourceVolume" = "themes", "containerPath" = "/var/panintelligence/Dashboard/tomcat/webapps/panMISDashboardResources/themes", "readOnly" = false }, { "sourceVolume" = "images", "containerPath" = "/var/panintelligence/Dashboard/tomcat/webapps/panMISDashboardResources/images", "readOnly" = false }, { "sourceVolume" = "files", "containerPath" = "/var/panintelligence/Dashboard/tomcat/webapps/panMISDashboardResources/files", "readOnly" = false }, { "sourceVolume" = "svg", "containerPath" = "/var/panintelligence/Dashboard/tomcat/webapps/panMISDashboardResources/svg", "readOnly" = false }, { "sourceVolume" = "locale", "containerPath" = "/var/panintelligence/Dashboard/tomcat/webapps/panMISDashboardResources/locale", "readOnly" = false }, { "sourceVolume" = "custom_jdbc", "containerPath" = "/var/panintelligence/Dashboard/tomcat/custom_jdbc_drivers", "readOnly" = false }, { "sourceVolume" = "keys", "containerPath" = "/var/panintelligence/Dashboard/keys", "readOnly" = false }], "linuxParameters" = { "initProcessEnabled" = true }, "stopTimeout" = 120, "logConfiguration" = { "logDriver" = "awslogs", "options" = { "awslogs-group" = aws_cloudwatch_log_group.compute_dashboard_log_group.name, "awslogs-region" = var.region, "awslogs-stream-prefix" = "dashboard", "mode" = "non-blocking", "max-buffer-size" = "25m" } }, "dependsOn" = [{ "containerName" = "efs-defaults", "condition" = "SUCCESS" }] }, { "name" = "efs-defaults", "image" = "${var.dashboard_image_repository}:${var.dashboard_image_tag}", "essential" = false, "entryPoint" = ["/bin/sh", "-c"], "command" = ["set -euf\nIFS='\n'\numask 022\ncopy_missing() {\n  src=$1; dst=$2\n  if [ ! -d $src ]; then echo efs-defaults: the image has no $src, $dst left as it is; return 0; fi\n  cd $src\n  find . -type d | while read -r d; do mkdir -p $dst/$d; done\n  find . ! -type d | while read -r f; do\n    if [ -e $dst/$f ] || [ -L $dst/$f ]; then continue; fi\n    cp -P $f $dst/$f.efs-defaults-tmp && mv -f $dst/$f.efs-defaults-tmp $dst/$f\n  done\n  echo efs-defaults: $dst holds every file of $src\n}\ncopy_missing /var/panintelligence/Dashboard/tomcat/webapps/panMISDashboardResources/themes /pi-efs/themes\ncopy_missing /var/panintelligence/Dashboard/tomcat/webapps/panMISDashboardResources/images /pi-efs/images\ncopy_missing /var/panintelligence/Dashboard/tomcat/webapps/panMISDashboardResources/files /pi-efs/files\ncopy_missing /var/panintelligence/Dashboard/tomcat/webapps/panMISDashboardResources/svg /pi-efs/svg\ncopy_missing /var/panintelligence/Dashboard/tomcat/webapps/panMISDashboardResources/locale /pi-efs/locale\ncopy_missing /var/panintelligence/Dashboard/tomcat/custom_jdbc_drivers /pi-efs/custom_jdbc"], "mountPoints" = [{ "sourceVolume" = "themes", "containerPath" = "/pi-efs/themes", "readOnly" = false }, { "sourceVolume" = "images", "containerPath" = "/pi-efs/images", "readOnly" = false }, { "sourceVolume" = "files", "containerPath" = "/pi-efs/files", "readOnly" = false }, { "sourceVolume" = "svg", "containerPath" = "/pi-efs/svg", "readOnly" = false }, { "sourceVolume" = "locale", "containerPath" = "/pi-efs/locale", "readOnly" = false }, { "sourceVolume" = "custom_jdbc", "containerPath" = "/pi-efs/custom_jdbc", "readOnly" = false }], "linuxParameters" = { "initProcessEnabled" = true }, "logConfiguration" = { "logDriver" = "awslogs", "options" = { "awslogs-group" = aws_cloudwatch_log_group.compute_dashboard_log_group.name, "awslogs-region" = var.region, "awslogs-stream-prefix" = "efs-defaults", "mode" = "non-blocking", "max-buffer-size" = "25m" } } }])
  cpu                      = tostring(var.dashboard_cpu)
  execution_role_arn       = aws_iam_role.compute_dashboard_execution_role.arn
  family                   = "${var.name}-dashboard"
  memory                   = tostring(var.dashboard_memory_mib)
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  tags = {
    Name = "${var.name}-dashboard"
  }
  task_role_arn = aws_iam_role.compute_dashboard_task_role.arn

  runtime_platform {
    cpu_architecture        = "X86_64"
    operating_system_family = "LINUX"
  }

  volume {
    name = "themes"

    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.file_storage_file_system.id
      transit_encryption = "ENABLED"

      authorization_config {
        access_point_id = aws_efs_access_point.file_storage_access_point_themes.id
        iam             = "ENABLED"
      }
    }
  }

  volume {
    name = "images"

    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.file_storage_file_system.id
      transit_encryption = "ENABLED"

      authorization_config {
        access_point_id = aws_efs_access_point.file_storage_access_point_images.id
        iam             = "ENABLED"
      }
    }
  }

  volume {
    name = "files"

    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.file_storage_file_system.id
      transit_encryption = "ENABLED"

      authorization_config {
        access_point_id = aws_efs_access_point.file_storage_access_point_files.id
        iam             = "ENABLED"
      }
    }
  }

  volume {
    name = "svg"

    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.file_storage_file_system.id
      transit_encryption = "ENABLED"

      authorization_config {
        access_point_id = aws_efs_access_point.file_storage_access_point_svg.id
        iam             = "ENABLED"
      }
    }
  }

  volume {
    name = "locale"

    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.file_storage_file_system.id
      transit_encryption = "ENABLED"

      authorization_config {
        access_point_id = aws_efs_access_point.file_storage_access_point_locale.id
        iam             = "ENABLED"
      }
    }
  }

  volume {
    name = "custom_jdbc"

    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.file_storage_file_system.id
      transit_encryption = "ENABLED"

      authorization_config {
        access_point_id = aws_efs_access_point.file_storage_access_point_custom_jdbc.id
        iam             = "ENABLED"
      }
    }
  }

  volume {
    name = "keys"

    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.file_storage_file_system.id
      transit_encryption = "ENABLED"

      authorization_config {
        access_point_id = aws_efs_access_point.file_storage_access_point_keys.id
        iam             = "ENABLED"
      }
    }
  }
}

resource "aws_ecs_task_definition" "compute_pirana_task_definition" {
  count                    = var.enable_pirana ? 1 : 0
  container_definitions    = jsonencode([{ "name" = "pirana", "image" = "${var.pirana_image_repository}:${var.pirana_image_tag}", "essential" = true, "portMappings" = [{ "name" = "pirana", "containerPort" = 9918, "protocol" = "tcp", "appProtocol" = "http" }], "environment" = [], "secrets" = [], "mountPoints" = [], "linuxParameters" = { "initProcessEnabled" = true }, "stopTimeout" = 120, "logConfiguration" = { "logDriver" = "awslogs", "options" = { "awslogs-group" = aws_cloudwatch_log_group.compute_pirana_log_group[0].name, "awslogs-region" = var.region, "awslogs-stream-prefix" = "pirana", "mode" = "non-blocking", "max-buffer-size" = "25m" } } }])
  cpu                      = tostring(var.pirana_cpu)
  execution_role_arn       = aws_iam_role.compute_pirana_execution_role[0].arn
  family                   = "${var.name}-pirana"
  memory                   = tostring(var.pirana_memory_mib)
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  tags = {
    Name = "${var.name}-pirana"
  }
  task_role_arn = aws_iam_role.compute_pirana_task_role[0].arn

  runtime_platform {
    cpu_architecture        = "X86_64"
    operating_system_family = "LINUX"
  }
}

resource "aws_ecs_task_definition" "compute_renderer_task_definition" {
  count                    = var.enable_renderer ? 1 : 0
  container_definitions    = jsonencode([{ "name" = "renderer", "image" = "${var.renderer_image_repository}:${var.renderer_image_tag}", "essential" = true, "portMappings" = [{ "name" = "renderer", "containerPort" = 9915, "protocol" = "tcp", "appProtocol" = "http" }], "environment" = [{ "name" = "RENDERER_LOG_LEVELS", "value" = "info,error,warn" }], "secrets" = [], "mountPoints" = [], "linuxParameters" = { "initProcessEnabled" = true }, "stopTimeout" = 120, "logConfiguration" = { "logDriver" = "awslogs", "options" = { "awslogs-group" = aws_cloudwatch_log_group.compute_renderer_log_group[0].name, "awslogs-region" = var.region, "awslogs-stream-prefix" = "renderer", "mode" = "non-blocking", "max-buffer-size" = "25m" } } }])
  cpu                      = tostring(var.renderer_cpu)
  execution_role_arn       = aws_iam_role.compute_renderer_execution_role[0].arn
  family                   = "${var.name}-renderer"
  memory                   = tostring(var.renderer_memory_mib)
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  tags = {
    Name = "${var.name}-renderer"
  }
  task_role_arn = aws_iam_role.compute_renderer_task_role[0].arn

  runtime_platform {
    cpu_architecture        = "X86_64"
    operating_system_family = "LINUX"
  }
}

resource "aws_ecs_task_definition" "compute_scheduler_task_definition" {
  container_definitions    = jsonencode([{ "name" = "scheduler", "image" = "${var.scheduler_image_repository}:${var.scheduler_image_tag}", "essential" = true, "portMappings" = [{ "name" = "scheduler", "containerPort" = 9917, "protocol" = "tcp", "appProtocol" = "http" }], "environment" = [{ "name" = "PI_DB_HOST", "value" = tostring(aws_db_instance.database_instance.address) }, { "name" = "PI_DB_PORT", "value" = tostring(aws_db_instance.database_instance.port) }, { "name" = "PI_DB_SCHEMA_NAME", "value" = "dashboard" }, { "name" = "PI_EXTERNAL_DB", "value" = "true" }, { "name" = "SCHEDULER_DASHBOARD_URL", "value" = "http://dashboard-internal:28748/pi" }], "secrets" = [{ "name" = "PI_DB_PASSWORD", "valueFrom" = "${aws_db_instance.database_instance.master_user_secret[0].secret_arn}:password::" }, { "name" = "PI_DB_USERNAME", "valueFrom" = "${aws_db_instance.database_instance.master_user_secret[0].secret_arn}:username::" }], "mountPoints" = [{ "sourceVolume" = "keys", "containerPath" = "/var/panintelligence/Dashboard/keys", "readOnly" = false }], "linuxParameters" = { "initProcessEnabled" = true }, "stopTimeout" = 120, "logConfiguration" = { "logDriver" = "awslogs", "options" = { "awslogs-group" = aws_cloudwatch_log_group.compute_scheduler_log_group.name, "awslogs-region" = var.region, "awslogs-stream-prefix" = "scheduler", "mode" = "non-blocking", "max-buffer-size" = "25m" } } }])
  cpu                      = tostring(var.scheduler_cpu)
  execution_role_arn       = aws_iam_role.compute_scheduler_execution_role.arn
  family                   = "${var.name}-scheduler"
  memory                   = tostring(var.scheduler_memory_mib)
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  tags = {
    Name = "${var.name}-scheduler"
  }
  task_role_arn = aws_iam_role.compute_scheduler_task_role.arn

  runtime_platform {
    cpu_architecture        = "X86_64"
    operating_system_family = "LINUX"
  }

  volume {
    name = "keys"

    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.file_storage_file_system.id
      transit_encryption = "ENABLED"

      authorization_config {
        access_point_id = aws_efs_access_point.file_storage_access_point_keys.id
        iam             = "ENABLED"
      }
    }
  }
}

resource "aws_efs_access_point" "file_storage_access_point_custom_jdbc" {
  file_system_id = aws_efs_file_system.file_storage_file_system.id
  tags = {
    Name = "${var.name}-efs-custom_jdbc"
  }

  posix_user {
    gid = 1000
    uid = 1000
  }

  root_directory {
    path = "/panintelligence/custom_jdbc"

    creation_info {
      owner_gid   = 1000
      owner_uid   = 1000
      permissions = "0750"
    }
  }
}

resource "aws_efs_access_point" "file_storage_access_point_excel_data" {
  file_system_id = aws_efs_file_system.file_storage_file_system.id
  tags = {
    Name = "${var.name}-efs-excel-data"
  }

  posix_user {
    gid = 1000
    uid = 1000
  }

  root_directory {
    path = "/panintelligence/excel-data"

    creation_info {
      owner_gid   = 1000
      owner_uid   = 1000
      permissions = "0750"
    }
  }
}

resource "aws_efs_access_point" "file_storage_access_point_files" {
  file_system_id = aws_efs_file_system.file_storage_file_system.id
  tags = {
    Name = "${var.name}-efs-files"
  }

  posix_user {
    gid = 1000
    uid = 1000
  }

  root_directory {
    path = "/panintelligence/files"

    creation_info {
      owner_gid   = 1000
      owner_uid   = 1000
      permissions = "0750"
    }
  }
}

resource "aws_efs_access_point" "file_storage_access_point_images" {
  file_system_id = aws_efs_file_system.file_storage_file_system.id
  tags = {
    Name = "${var.name}-efs-images"
  }

  posix_user {
    gid = 1000
    uid = 1000
  }

  root_directory {
    path = "/panintelligence/images"

    creation_info {
      owner_gid   = 1000
      owner_uid   = 1000
      permissions = "0750"
    }
  }
}

resource "aws_efs_access_point" "file_storage_access_point_initialiser" {
  file_system_id = aws_efs_file_system.file_storage_file_system.id
  tags = {
    Name = "${var.name}-efs-initialiser"
  }

  posix_user {
    gid = 1000
    uid = 1000
  }

  root_directory {
    path = "/panintelligence"

    creation_info {
      owner_gid   = 1000
      owner_uid   = 1000
      permissions = "0750"
    }
  }
}

resource "aws_efs_access_point" "file_storage_access_point_keys" {
  file_system_id = aws_efs_file_system.file_storage_file_system.id
  tags = {
    Name = "${var.name}-efs-keys"
  }

  posix_user {
    gid = 1000
    uid = 1000
  }

  root_directory {
    path = "/panintelligence/keys"

    creation_info {
      owner_gid   = 1000
      owner_uid   = 1000
      permissions = "0700"
    }
  }
}

resource "aws_efs_access_point" "file_storage_access_point_locale" {
  file_system_id = aws_efs_file_system.file_storage_file_system.id
  tags = {
    Name = "${var.name}-efs-locale"
  }

  posix_user {
    gid = 1000
    uid = 1000
  }

  root_directory {
    path = "/panintelligence/locale"

    creation_info {
      owner_gid   = 1000
      owner_uid   = 1000
      permissions = "0750"
    }
  }
}

resource "aws_efs_access_point" "file_storage_access_point_svg" {
  file_system_id = aws_efs_file_system.file_storage_file_system.id
  tags = {
    Name = "${var.name}-efs-svg"
  }

  posix_user {
    gid = 1000
    uid = 1000
  }

  root_directory {
    path = "/panintelligence/svg"

    creation_info {
      owner_gid   = 1000
      owner_uid   = 1000
      permissions = "0750"
    }
  }
}

resource "aws_efs_access_point" "file_storage_access_point_themes" {
  file_system_id = aws_efs_file_system.file_storage_file_system.id
  tags = {
    Name = "${var.name}-efs-themes"
  }

  posix_user {
    gid = 1000
    uid = 1000
  }

  root_directory {
    path = "/panintelligence/themes"

    creation_info {
      owner_gid   = 1000
      owner_uid   = 1000
      permissions = "0750"
    }
  }
}

resource "aws_efs_file_system" "file_storage_file_system" {
  creation_token   = "${var.name}-efs"
  encrypted        = true
  performance_mode = "generalPurpose"
  tags = {
    Name = "${var.name}-efs"
  }
  throughput_mode = "elastic"

  lifecycle_policy {
    transition_to_ia = "AFTER_30_DAYS"
  }

  lifecycle_policy {
    transition_to_primary_storage_class = "AFTER_1_ACCESS"
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_efs_file_system_policy" "file_storage_policy" {
  file_system_id = aws_efs_file_system.file_storage_file_system.id
  policy         = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Sid" = "DenyWithoutTls", "Effect" = "Deny", "Principal" = { "AWS" = "*" }, "Action" = "*", "Resource" = aws_efs_file_system.file_storage_file_system.arn, "Condition" = { "Bool" = { "aws:SecureTransport" = "false" } } }, { "Sid" = "DenyMountWithoutAccessPoint", "Effect" = "Deny", "Principal" = { "AWS" = "*" }, "Action" = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"], "Resource" = aws_efs_file_system.file_storage_file_system.arn, "Condition" = { "Null" = { "elasticfilesystem:AccessPointArn" = "true" } } }, { "Sid" = "DenyMountThroughOtherAccessPoints", "Effect" = "Deny", "Principal" = { "AWS" = "*" }, "Action" = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"], "Resource" = aws_efs_file_system.file_storage_file_system.arn, "Condition" = { "StringNotEquals" = { "elasticfilesystem:AccessPointArn" = [aws_efs_access_point.file_storage_access_point_initialiser.arn, aws_efs_access_point.file_storage_access_point_themes.arn, aws_efs_access_point.file_storage_access_point_images.arn, aws_efs_access_point.file_storage_access_point_files.arn, aws_efs_access_point.file_storage_access_point_svg.arn, aws_efs_access_point.file_storage_access_point_locale.arn, aws_efs_access_point.file_storage_access_point_custom_jdbc.arn, aws_efs_access_point.file_storage_access_point_keys.arn, aws_efs_access_point.file_storage_access_point_excel_data.arn] } } }, { "Sid" = "DenyRootAccess", "Effect" = "Deny", "Principal" = { "AWS" = "*" }, "Action" = "elasticfilesystem:ClientRootAccess", "Resource" = aws_efs_file_system.file_storage_file_system.arn }, { "Sid" = "AllowAccountMountThroughMountTargets", "Effect" = "Allow", "Principal" = { "AWS" = "arn:aws:iam::${var.account_id}:root" }, "Action" = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], "Resource" = aws_efs_file_system.file_storage_file_system.arn, "Condition" = { "Bool" = { "elasticfilesystem:AccessedViaMountTarget" = "true" } } }] })
}

resource "aws_efs_mount_target" "file_storage_mount_targets" {
  count           = length(var.app_subnet_ids)
  file_system_id  = aws_efs_file_system.file_storage_file_system.id
  security_groups = [aws_security_group.file_storage_security_group.id]
  subnet_id       = element(var.app_subnet_ids, count.index)
}

resource "aws_iam_role" "backup_role" {
  assume_role_policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Principal" = { "Service" = "backup.amazonaws.com" }, "Action" = "sts:AssumeRole" }] })
  description        = "Lets AWS Backup back up and restore the database and the file system"
  name               = "${var.name}-backup"
}

resource "aws_iam_role" "compute_dashboard_execution_role" {
  assume_role_policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Principal" = { "Service" = "ecs-tasks.amazonaws.com" }, "Action" = "sts:AssumeRole", "Condition" = { "StringEquals" = { "aws:SourceAccount" = var.account_id }, "ArnLike" = { "aws:SourceArn" = "arn:aws:ecs:${var.region}:${var.account_id}:*" } } }] })
  description        = "ECS agent for ${var.name}-dashboard: image pull, logs, its secrets"
  name               = "${var.name}-dashboard-exec"
}

resource "aws_iam_role" "compute_dashboard_task_role" {
  assume_role_policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Principal" = { "Service" = "ecs-tasks.amazonaws.com" }, "Action" = "sts:AssumeRole", "Condition" = { "StringEquals" = { "aws:SourceAccount" = var.account_id }, "ArnLike" = { "aws:SourceArn" = "arn:aws:ecs:${var.region}:${var.account_id}:*" } } }] })
  description        = "Panintelligence dashboard application"
  name               = "${var.name}-dashboard-task"
}

resource "aws_iam_role" "compute_pirana_execution_role" {
  count              = var.enable_pirana ? 1 : 0
  assume_role_policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Principal" = { "Service" = "ecs-tasks.amazonaws.com" }, "Action" = "sts:AssumeRole", "Condition" = { "StringEquals" = { "aws:SourceAccount" = var.account_id }, "ArnLike" = { "aws:SourceArn" = "arn:aws:ecs:${var.region}:${var.account_id}:*" } } }] })
  description        = "ECS agent for ${var.name}-pirana: image pull, logs, its secrets"
  name               = "${var.name}-pirana-exec"
}

resource "aws_iam_role" "compute_pirana_task_role" {
  count              = var.enable_pirana ? 1 : 0
  assume_role_policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Principal" = { "Service" = "ecs-tasks.amazonaws.com" }, "Action" = "sts:AssumeRole", "Condition" = { "StringEquals" = { "aws:SourceAccount" = var.account_id }, "ArnLike" = { "aws:SourceArn" = "arn:aws:ecs:${var.region}:${var.account_id}:*" } } }] })
  description        = "Panintelligence pirana application"
  name               = "${var.name}-pirana-task"
}

resource "aws_iam_role" "compute_redeploy_automation_role" {
  assume_role_policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Principal" = { "Service" = "ssm.amazonaws.com" }, "Action" = "sts:AssumeRole", "Condition" = { "StringEquals" = { "aws:SourceAccount" = var.account_id } } }] })
  description        = "Force a new deployment of the ${var.name} services that read a changed secret"
  name               = "${var.name}-redeploy"
}

resource "aws_iam_role" "compute_redeploy_events_role" {
  assume_role_policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Principal" = { "Service" = "events.amazonaws.com" }, "Action" = "sts:AssumeRole", "Condition" = { "StringEquals" = { "aws:SourceAccount" = var.account_id } } }] })
  description        = "EventBridge starts ${var.name}-redeploy when a watched secret changes"
  name               = "${var.name}-redeploy-events"
}

resource "aws_iam_role" "compute_renderer_execution_role" {
  count              = var.enable_renderer ? 1 : 0
  assume_role_policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Principal" = { "Service" = "ecs-tasks.amazonaws.com" }, "Action" = "sts:AssumeRole", "Condition" = { "StringEquals" = { "aws:SourceAccount" = var.account_id }, "ArnLike" = { "aws:SourceArn" = "arn:aws:ecs:${var.region}:${var.account_id}:*" } } }] })
  description        = "ECS agent for ${var.name}-renderer: image pull, logs, its secrets"
  name               = "${var.name}-renderer-exec"
}

resource "aws_iam_role" "compute_renderer_task_role" {
  count              = var.enable_renderer ? 1 : 0
  assume_role_policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Principal" = { "Service" = "ecs-tasks.amazonaws.com" }, "Action" = "sts:AssumeRole", "Condition" = { "StringEquals" = { "aws:SourceAccount" = var.account_id }, "ArnLike" = { "aws:SourceArn" = "arn:aws:ecs:${var.region}:${var.account_id}:*" } } }] })
  description        = "Panintelligence renderer application"
  name               = "${var.name}-renderer-task"
}

resource "aws_iam_role" "compute_scheduler_execution_role" {
  assume_role_policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Principal" = { "Service" = "ecs-tasks.amazonaws.com" }, "Action" = "sts:AssumeRole", "Condition" = { "StringEquals" = { "aws:SourceAccount" = var.account_id }, "ArnLike" = { "aws:SourceArn" = "arn:aws:ecs:${var.region}:${var.account_id}:*" } } }] })
  description        = "ECS agent for ${var.name}-scheduler: image pull, logs, its secrets"
  name               = "${var.name}-scheduler-exec"
}

resource "aws_iam_role" "compute_scheduler_task_role" {
  assume_role_policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Principal" = { "Service" = "ecs-tasks.amazonaws.com" }, "Action" = "sts:AssumeRole", "Condition" = { "StringEquals" = { "aws:SourceAccount" = var.account_id }, "ArnLike" = { "aws:SourceArn" = "arn:aws:ecs:${var.region}:${var.account_id}:*" } } }] })
  description        = "Panintelligence scheduler application"
  name               = "${var.name}-scheduler-task"
}

resource "aws_iam_role" "database_monitoring_role" {
  assume_role_policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Principal" = { "Service" = "monitoring.rds.amazonaws.com" }, "Action" = "sts:AssumeRole" }] })
  description        = "Lets RDS enhanced monitoring publish OS metrics to CloudWatch Logs"
  name               = "${var.name}-rds-monitoring"
}

resource "aws_iam_role" "efs_initialiser_function_role" {
  assume_role_policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Principal" = { "Service" = "lambda.amazonaws.com" }, "Action" = "sts:AssumeRole", "Condition" = { "StringEquals" = { "aws:SourceAccount" = var.account_id } } }] })
  description        = "Creates the Panintelligence EFS directories and seeds absent files (never deletes)"
  name               = "${var.name}-efs-init"
}

resource "aws_iam_role" "upload_sync_function_role" {
  count              = var.enable_upload_sync ? 1 : 0
  assume_role_policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Principal" = { "Service" = "lambda.amazonaws.com" }, "Action" = "sts:AssumeRole", "Condition" = { "StringEquals" = { "aws:SourceAccount" = var.account_id } } }] })
  description        = "Copies uploads from the upload bucket onto EFS and mirrors deletions"
  name               = "${var.name}-upload-sync"
}

resource "aws_iam_role_policy" "compute_dashboard_execution_secrets" {
  name   = "secrets"
  policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Action" = ["secretsmanager:GetSecretValue"], "Resource" = [aws_db_instance.database_instance.master_user_secret[0].secret_arn, aws_secretsmanager_secret.compute_licence.arn] }] })
  role   = aws_iam_role.compute_dashboard_execution_role.id
}

resource "aws_iam_role_policy" "compute_dashboard_task_policy" {
  name   = "application"
  policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Action" = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], "Resource" = aws_efs_file_system.file_storage_file_system.arn, "Condition" = { "StringEquals" = { "elasticfilesystem:AccessPointArn" = [aws_efs_access_point.file_storage_access_point_themes.arn, aws_efs_access_point.file_storage_access_point_images.arn, aws_efs_access_point.file_storage_access_point_files.arn, aws_efs_access_point.file_storage_access_point_svg.arn, aws_efs_access_point.file_storage_access_point_locale.arn, aws_efs_access_point.file_storage_access_point_custom_jdbc.arn, aws_efs_access_point.file_storage_access_point_keys.arn] } } }] })
  role   = aws_iam_role.compute_dashboard_task_role.id
}

resource "aws_iam_role_policy" "compute_redeploy_automation_policy" {
  name   = "update-services"
  policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Action" = ["ecs:UpdateService"], "Resource" = concat(["arn:aws:ecs:${var.region}:${var.account_id}:service/${var.name}/dashboard"], var.enable_renderer ? ["arn:aws:ecs:${var.region}:${var.account_id}:service/${var.name}/renderer"] : [], ["arn:aws:ecs:${var.region}:${var.account_id}:service/${var.name}/scheduler"]) }] })
  role   = aws_iam_role.compute_redeploy_automation_role.id
}

resource "aws_iam_role_policy" "compute_redeploy_events_policy" {
  name   = "start-redeploy"
  policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Action" = ["ssm:StartAutomationExecution"], "Resource" = ["arn:aws:ssm:${var.region}:${var.account_id}:automation-definition/${var.name}-redeploy", "arn:aws:ssm:${var.region}:${var.account_id}:automation-definition/${var.name}-redeploy:*"] }, { "Effect" = "Allow", "Action" = ["iam:PassRole"], "Resource" = [aws_iam_role.compute_redeploy_automation_role.arn], "Condition" = { "StringEquals" = { "iam:PassedToService" = "ssm.amazonaws.com" } } }] })
  role   = aws_iam_role.compute_redeploy_events_role.id
}

resource "aws_iam_role_policy" "compute_scheduler_execution_secrets" {
  name   = "secrets"
  policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Action" = ["secretsmanager:GetSecretValue"], "Resource" = [aws_db_instance.database_instance.master_user_secret[0].secret_arn] }] })
  role   = aws_iam_role.compute_scheduler_execution_role.id
}

resource "aws_iam_role_policy" "compute_scheduler_task_policy" {
  name   = "application"
  policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Action" = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], "Resource" = aws_efs_file_system.file_storage_file_system.arn, "Condition" = { "StringEquals" = { "elasticfilesystem:AccessPointArn" = [aws_efs_access_point.file_storage_access_point_keys.arn] } } }] })
  role   = aws_iam_role.compute_scheduler_task_role.id
}

resource "aws_iam_role_policy" "efs_initialiser_function_policy" {
  name   = "function"
  policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Action" = ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource" = "${aws_cloudwatch_log_group.efs_initialiser_function_log_group.arn}:*" }, { "Effect" = "Allow", "Action" = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], "Resource" = aws_efs_file_system.file_storage_file_system.arn, "Condition" = { "StringEquals" = { "elasticfilesystem:AccessPointArn" = [aws_efs_access_point.file_storage_access_point_initialiser.arn] } } }] })
  role   = aws_iam_role.efs_initialiser_function_role.id
}

resource "aws_iam_role_policy" "upload_sync_function_policy" {
  count  = var.enable_upload_sync ? 1 : 0
  name   = "function"
  policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Action" = ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource" = "${aws_cloudwatch_log_group.upload_sync_function_log_group[0].arn}:*" }, { "Effect" = "Allow", "Action" = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], "Resource" = aws_efs_file_system.file_storage_file_system.arn, "Condition" = { "StringEquals" = { "elasticfilesystem:AccessPointArn" = [aws_efs_access_point.file_storage_access_point_initialiser.arn] } } }, { "Effect" = "Allow", "Action" = ["s3:GetObject", "s3:GetObjectVersion"], "Resource" = "${aws_s3_bucket.upload_sync_bucket[0].arn}/*" }, { "Effect" = "Allow", "Action" = "s3:ListBucket", "Resource" = aws_s3_bucket.upload_sync_bucket[0].arn }, { "Effect" = "Allow", "Action" = "sqs:SendMessage", "Resource" = aws_sqs_queue.upload_sync_dead_letters[0].arn }] })
  role   = aws_iam_role.upload_sync_function_role[0].id
}

resource "aws_iam_role_policy_attachment" "backup_role_AWSBackupServiceRolePolicyForBackup" {
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
  role       = aws_iam_role.backup_role.name
}

resource "aws_iam_role_policy_attachment" "backup_role_AWSBackupServiceRolePolicyForRestores" {
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores"
  role       = aws_iam_role.backup_role.name
}

resource "aws_iam_role_policy_attachment" "compute_dashboard_execution_managed" {
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
  role       = aws_iam_role.compute_dashboard_execution_role.name
}

resource "aws_iam_role_policy_attachment" "compute_pirana_execution_managed" {
  count      = var.enable_pirana ? 1 : 0
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
  role       = aws_iam_role.compute_pirana_execution_role[0].name
}

resource "aws_iam_role_policy_attachment" "compute_renderer_execution_managed" {
  count      = var.enable_renderer ? 1 : 0
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
  role       = aws_iam_role.compute_renderer_execution_role[0].name
}

resource "aws_iam_role_policy_attachment" "compute_scheduler_execution_managed" {
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
  role       = aws_iam_role.compute_scheduler_execution_role.name
}

resource "aws_iam_role_policy_attachment" "database_monitoring_role_AmazonRDSEnhancedMonitoringRole" {
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
  role       = aws_iam_role.database_monitoring_role.name
}

resource "aws_iam_role_policy_attachment" "efs_initialiser_function_vpc_access" {
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
  role       = aws_iam_role.efs_initialiser_function_role.name
}

resource "aws_iam_role_policy_attachment" "upload_sync_function_vpc_access" {
  count      = var.enable_upload_sync ? 1 : 0
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
  role       = aws_iam_role.upload_sync_function_role[0].name
}

resource "aws_kms_alias" "alarms_alias" {
  name          = "alias/${var.name}-alarms"
  target_key_id = aws_kms_key.alarms_key.key_id
}

resource "aws_kms_key" "alarms_key" {
  deletion_window_in_days = 30
  description             = "${var.name} alarm notifications (SNS topic encryption)"
  enable_key_rotation     = true
  policy                  = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Sid" = "AccountAdministers", "Effect" = "Allow", "Principal" = { "AWS" = "arn:aws:iam::${var.account_id}:root" }, "Action" = ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"], "Resource" = "*" }, { "Sid" = "CloudWatchAlarmsPublish", "Effect" = "Allow", "Principal" = { "Service" = "cloudwatch.amazonaws.com" }, "Action" = ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource" = "*" }] })
  tags = {
    Name = "${var.name}-alarms"
  }
}

resource "aws_lambda_function" "efs_initialiser_function" {
  architectures    = ["arm64"]
  description      = "Creates the Panintelligence EFS directories and seeds absent files (never deletes)"
  filename         = "${path.module}/lambda/efs-initialiser.zip"
  function_name    = "${var.name}-efs-init"
  handler          = "index.handler"
  memory_size      = 512
  role             = aws_iam_role.efs_initialiser_function_role.arn
  runtime          = "nodejs22.x"
  source_code_hash = "rwTVg72MDPmqpTAQ5JE3xmUGOl/KDAIaTeGJBHurqRM="
  timeout          = 300

  environment {
    variables = {
      PI_EFS_DIRECTORIES    = "themes,images,files,svg,locale,custom_jdbc,keys:0700,excel-data"
      PI_EFS_DIR_MODE       = "0750"
      PI_EFS_GID            = "1000"
      PI_EFS_MOUNT_PATH     = "/mnt/efs"
      PI_EFS_UID            = "1000"
      PI_LOCK_STALE_SECONDS = "300"
    }
  }

  file_system_config {
    arn              = aws_efs_access_point.file_storage_access_point_initialiser.arn
    local_mount_path = "/mnt/efs"
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.efs_initialiser_function_log_group.name
  }

  vpc_config {
    security_group_ids = [aws_security_group.efs_initialiser_function_security_group.id]
    subnet_ids         = var.app_subnet_ids
  }

  depends_on = [
    aws_efs_mount_target.file_storage_mount_targets,
    aws_vpc_security_group_ingress_rule.file_storage_security_group_from_lambda_efs_initialiser,
    aws_cloudwatch_log_group.efs_initialiser_function_log_group,
    aws_iam_role_policy_attachment.efs_initialiser_function_vpc_access,
    aws_iam_role_policy.efs_initialiser_function_policy,
  ]
}

resource "aws_lambda_function" "upload_sync_function" {
  count            = var.enable_upload_sync ? 1 : 0
  architectures    = ["arm64"]
  description      = "Copies uploads from the upload bucket onto EFS and mirrors deletions"
  filename         = "${path.module}/lambda/upload-sync.zip"
  function_name    = "${var.name}-upload-sync"
  handler          = "index.handler"
  memory_size      = 256
  role             = aws_iam_role.upload_sync_function_role[0].arn
  runtime          = "nodejs22.x"
  source_code_hash = "nFnyUT7vH5G5onS/xW2sgG/SmadOYswcBTqLN3eVTLs="
  timeout          = 300

  dead_letter_config {
    target_arn = aws_sqs_queue.upload_sync_dead_letters[0].arn
  }

  environment {
    variables = {
      PI_EFS_GID               = "1000"
      PI_EFS_MOUNT_PATH        = "/mnt/efs"
      PI_EFS_UID               = "1000"
      PI_SYNC_ALLOWED_PREFIXES = "images,themes,files,svg,locale,custom_jdbc"
    }
  }

  file_system_config {
    arn              = aws_efs_access_point.file_storage_access_point_initialiser.arn
    local_mount_path = "/mnt/efs"
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.upload_sync_function_log_group[0].name
  }

  vpc_config {
    security_group_ids = [aws_security_group.upload_sync_function_security_group[0].id]
    subnet_ids         = var.app_subnet_ids
  }

  depends_on = [
    aws_efs_mount_target.file_storage_mount_targets,
    aws_vpc_security_group_ingress_rule.file_storage_security_group_from_lambda_upload_sync,
    aws_cloudwatch_log_group.upload_sync_function_log_group,
    aws_iam_role_policy_attachment.upload_sync_function_vpc_access,
    aws_iam_role_policy.upload_sync_function_policy,
  ]
}

resource "aws_lambda_invocation" "efs_initialiser_run" {
  function_name = aws_lambda_function.efs_initialiser_function.function_name
  input         = jsonencode({})
  triggers = {
    layout = "a0cf8577de705cfd"
    seed   = "a386e00c752caf6dd250955d38cb3c1e85ce32b0c0894ef3b1506fa1c7967427"
  }

  depends_on = [
    aws_lambda_function.efs_initialiser_function,
    aws_iam_role_policy.efs_initialiser_function_policy,
    aws_iam_role_policy_attachment.efs_initialiser_function_vpc_access,
  ]
}

resource "aws_lambda_permission" "upload_sync_s3_invoke" {
  count          = var.enable_upload_sync ? 1 : 0
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.upload_sync_function[0].function_name
  principal      = "s3.amazonaws.com"
  source_account = var.account_id
  source_arn     = aws_s3_bucket.upload_sync_bucket[0].arn
  statement_id   = "upload-bucket-notifications"
}

resource "aws_lb" "edge_alb" {
  desync_mitigation_mode     = "defensive"
  drop_invalid_header_fields = true
  enable_deletion_protection = true
  enable_http2               = true
  idle_timeout               = var.idle_timeout_seconds
  internal                   = false
  ip_address_type            = "ipv4"
  load_balancer_type         = "application"
  name                       = "${var.name}-alb"
  security_groups            = [aws_security_group.edge_security_group.id]
  subnets                    = var.public_subnet_ids
  tags = {
    Name = "${var.name}-alb"
  }

  access_logs {
    bucket  = aws_s3_bucket.edge_access_logs_bucket.id
    enabled = true
    prefix  = "alb"
  }

  depends_on = [aws_s3_bucket_policy.edge_access_logs_policy]
}

resource "aws_lb_listener" "edge_http" {
  load_balancer_arn = aws_lb.edge_alb.arn
  port              = 80
  protocol          = "HTTP"
  tags = {
    Name = "${var.name}-http"
  }

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "edge_https" {
  certificate_arn   = aws_acm_certificate.edge_certificate.arn
  load_balancer_arn = aws_lb.edge_alb.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.tls_policy
  tags = {
    Name = "${var.name}-https"
  }

  default_action {
    type = "fixed-response"

    fixed_response {
      content_type = "text/plain"
      message_body = "Not found"
      status_code  = "404"
    }
  }

  depends_on = [aws_acm_certificate_validation.edge_certificate_validation]
}

resource "aws_lb_listener_rule" "edge_dashboard_rule" {
  listener_arn = aws_lb_listener.edge_https.arn
  priority     = 100
  tags = {
    Name = "${var.name}-dashboard"
  }

  action {
    target_group_arn = aws_lb_target_group.edge_dashboard_target_group.arn
    type             = "forward"
  }

  condition {
    host_header {
      values = [var.domain_name]
    }
  }
}

resource "aws_lb_target_group" "edge_dashboard_target_group" {
  deregistration_delay          = "120"
  load_balancing_algorithm_type = "round_robin"
  name                          = "${var.name}-dash"
  port                          = 8224
  protocol                      = "HTTP"
  protocol_version              = "HTTP1"
  slow_start                    = 60
  tags = {
    Name = "${var.name}-dash"
  }
  target_type = "ip"
  vpc_id      = var.vpc_id

  health_check {
    enabled             = true
    healthy_threshold   = 2
    interval            = 15
    matcher             = "200"
    path                = "/pi/version"
    port                = "traffic-port"
    protocol            = "HTTP"
    timeout             = 5
    unhealthy_threshold = 3
  }

  stickiness {
    cookie_duration = 86400
    enabled         = true
    type            = "lb_cookie"
  }
}

resource "aws_route53_record" "edge_certificate_validation_record" {
  for_each        = { for key, val in tolist(aws_acm_certificate.edge_certificate.domain_validation_options) : val.domain_name => val }
  allow_overwrite = true
  name            = each.value.resource_record_name
  records         = [each.value.resource_record_value]
  ttl             = 60
  type            = "CNAME"
  zone_id         = var.hosted_zone_id
}

resource "aws_route53_record" "edge_dns_name_0_a" {
  name    = var.domain_name
  type    = "A"
  zone_id = var.hosted_zone_id

  alias {
    evaluate_target_health = true
    name                   = aws_lb.edge_alb.dns_name
    zone_id                = aws_lb.edge_alb.zone_id
  }
}

resource "aws_s3_bucket" "edge_access_logs_bucket" {
  bucket        = "${var.name}-logs-${var.account_id}-${var.region}"
  force_destroy = false
  tags = {
    Name = "${var.name}-logs"
  }
}

resource "aws_s3_bucket" "upload_sync_bucket" {
  count         = var.enable_upload_sync ? 1 : 0
  bucket        = "${var.name}-uploads-${var.account_id}-${var.region}"
  force_destroy = false
  tags = {
    Name = "${var.name}-uploads"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "edge_access_logs_lifecycle" {
  bucket = aws_s3_bucket.edge_access_logs_bucket.id

  rule {
    id     = "expire-logs"
    status = "Enabled"

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }

    expiration {
      days = var.access_logs_expiration_days
    }

    filter {

    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "upload_sync_bucket_lifecycle" {
  count  = var.enable_upload_sync ? 1 : 0
  bucket = aws_s3_bucket.upload_sync_bucket[0].id

  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }

    filter {

    }
  }

  rule {
    id     = "expire-old-versions"
    status = "Enabled"

    expiration {
      expired_object_delete_marker = true
    }

    filter {

    }

    noncurrent_version_expiration {
      noncurrent_days = var.upload_noncurrent_version_days
    }
  }
}

resource "aws_s3_bucket_logging" "upload_sync_bucket_logging" {
  count         = var.enable_upload_sync ? 1 : 0
  bucket        = aws_s3_bucket.upload_sync_bucket[0].id
  target_bucket = aws_s3_bucket.edge_access_logs_bucket.id
  target_prefix = "s3-access/uploads/"

  depends_on = [aws_s3_bucket_policy.edge_access_logs_policy]
}

resource "aws_s3_bucket_notification" "upload_sync_notifications" {
  count  = var.enable_upload_sync ? 1 : 0
  bucket = aws_s3_bucket.upload_sync_bucket[0].bucket

  lambda_function {
    events              = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]
    filter_prefix       = "images/"
    id                  = "sync-images"
    lambda_function_arn = aws_lambda_function.upload_sync_function[0].arn
  }

  lambda_function {
    events              = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]
    filter_prefix       = "themes/"
    id                  = "sync-themes"
    lambda_function_arn = aws_lambda_function.upload_sync_function[0].arn
  }

  lambda_function {
    events              = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]
    filter_prefix       = "files/"
    id                  = "sync-files"
    lambda_function_arn = aws_lambda_function.upload_sync_function[0].arn
  }

  lambda_function {
    events              = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]
    filter_prefix       = "svg/"
    id                  = "sync-svg"
    lambda_function_arn = aws_lambda_function.upload_sync_function[0].arn
  }

  lambda_function {
    events              = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]
    filter_prefix       = "locale/"
    id                  = "sync-locale"
    lambda_function_arn = aws_lambda_function.upload_sync_function[0].arn
  }

  lambda_function {
    events              = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]
    filter_prefix       = "custom_jdbc/"
    id                  = "sync-custom_jdbc"
    lambda_function_arn = aws_lambda_function.upload_sync_function[0].arn
  }

  depends_on = [aws_lambda_permission.upload_sync_s3_invoke]
}

resource "aws_s3_bucket_ownership_controls" "edge_access_logs_ownership" {
  bucket = aws_s3_bucket.edge_access_logs_bucket.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_ownership_controls" "upload_sync_bucket_ownership" {
  count  = var.enable_upload_sync ? 1 : 0
  bucket = aws_s3_bucket.upload_sync_bucket[0].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_policy" "edge_access_logs_policy" {
  bucket = aws_s3_bucket.edge_access_logs_bucket.id
  policy = jsonencode({ "Version" = "2012-10-17", "Statement" = concat([{ "Sid" = "DenyInsecureTransport", "Effect" = "Deny", "Principal" = "*", "Action" = "s3:*", "Resource" = [aws_s3_bucket.edge_access_logs_bucket.arn, "${aws_s3_bucket.edge_access_logs_bucket.arn}/*"], "Condition" = { "Bool" = { "aws:SecureTransport" = "false" } } }, { "Sid" = "AlbAccessLogs", "Effect" = "Allow", "Principal" = { "Service" = "logdelivery.elasticloadbalancing.amazonaws.com" }, "Action" = "s3:PutObject", "Resource" = "${aws_s3_bucket.edge_access_logs_bucket.arn}/alb/AWSLogs/${var.account_id}/*" }], var.enable_upload_sync ? [{ "Sid" = "S3ServerAccessLogs", "Effect" = "Allow", "Principal" = { "Service" = "logging.s3.amazonaws.com" }, "Action" = "s3:PutObject", "Resource" = "${aws_s3_bucket.edge_access_logs_bucket.arn}/s3-access/*", "Condition" = { "StringEquals" = { "aws:SourceAccount" = var.account_id }, "ArnLike" = { "aws:SourceArn" = [aws_s3_bucket.upload_sync_bucket[0].arn] } } }] : []) })

  depends_on = [aws_s3_bucket_public_access_block.edge_access_logs_public_access]
}

resource "aws_s3_bucket_policy" "upload_sync_bucket_policy" {
  count  = var.enable_upload_sync ? 1 : 0
  bucket = aws_s3_bucket.upload_sync_bucket[0].id
  policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Sid" = "DenyWithoutTls", "Effect" = "Deny", "Principal" = { "AWS" = "*" }, "Action" = "s3:*", "Resource" = [aws_s3_bucket.upload_sync_bucket[0].arn, "${aws_s3_bucket.upload_sync_bucket[0].arn}/*"], "Condition" = { "Bool" = { "aws:SecureTransport" = "false" } } }] })
}

resource "aws_s3_bucket_public_access_block" "edge_access_logs_public_access" {
  block_public_acls       = true
  block_public_policy     = true
  bucket                  = aws_s3_bucket.edge_access_logs_bucket.id
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_public_access_block" "upload_sync_bucket_public_access_block" {
  count                   = var.enable_upload_sync ? 1 : 0
  block_public_acls       = true
  block_public_policy     = true
  bucket                  = aws_s3_bucket.upload_sync_bucket[0].id
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "edge_access_logs_encryption" {
  bucket = aws_s3_bucket.edge_access_logs_bucket.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "upload_sync_bucket_encryption" {
  count  = var.enable_upload_sync ? 1 : 0
  bucket = aws_s3_bucket.upload_sync_bucket[0].id

  rule {
    bucket_key_enabled = true

    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_versioning" "upload_sync_bucket_versioning" {
  count  = var.enable_upload_sync ? 1 : 0
  bucket = aws_s3_bucket.upload_sync_bucket[0].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_secretsmanager_secret" "compute_licence" {
  description = "Panintelligence licence (PI_LICENCE) of ${var.name}: ALM customer key or the offline licence on one line"
  name_prefix = "${var.name}-licence-"
  tags = {
    Name = "${var.name}-licence"
  }
}

resource "aws_secretsmanager_secret_rotation" "database_master_password_rotation" {
  rotate_immediately = false
  secret_id          = aws_db_instance.database_instance.master_user_secret[0].secret_arn

  rotation_rules {
    duration            = "3h"
    schedule_expression = "cron(0 3 15 1 ? *)"
  }
}

resource "aws_secretsmanager_secret_version" "compute_licence_placeholder" {
  secret_id      = aws_secretsmanager_secret.compute_licence.id
  secret_string  = "NO-LICENCE-YET put the ALM key or the one-line offline licence: docs/runbooks/licence.md"
  version_stages = ["AWSCURRENT", "PI_PLACEHOLDER"]

  lifecycle {
    ignore_changes = [secret_string, version_stages]
  }
}

resource "aws_security_group" "compute_dashboard_security_group" {
  description = "Panintelligence dashboard tasks"
  name        = "${var.name}-dashboard"
  tags = {
    Name = "${var.name}-dashboard"
  }
  vpc_id = var.vpc_id
}

resource "aws_security_group" "compute_pirana_security_group" {
  count       = var.enable_pirana ? 1 : 0
  description = "Panintelligence pirana tasks"
  name        = "${var.name}-pirana"
  tags = {
    Name = "${var.name}-pirana"
  }
  vpc_id = var.vpc_id
}

resource "aws_security_group" "compute_renderer_security_group" {
  count       = var.enable_renderer ? 1 : 0
  description = "Panintelligence renderer tasks"
  name        = "${var.name}-renderer"
  tags = {
    Name = "${var.name}-renderer"
  }
  vpc_id = var.vpc_id
}

resource "aws_security_group" "compute_scheduler_security_group" {
  description = "Panintelligence scheduler tasks"
  name        = "${var.name}-scheduler"
  tags = {
    Name = "${var.name}-scheduler"
  }
  vpc_id = var.vpc_id
}

resource "aws_security_group" "database_security_group" {
  description = "MariaDB repository: 3306 from named client security groups only"
  name        = "${var.name}-db"
  tags = {
    Name = "${var.name}-db"
  }
  vpc_id = var.vpc_id
}

resource "aws_security_group" "edge_security_group" {
  description = "Panintelligence load balancer: HTTP/HTTPS in from the allowed ranges, out to the services only"
  name        = "${var.name}-alb"
  tags = {
    Name = "${var.name}-alb"
  }
  vpc_id = var.vpc_id
}

resource "aws_security_group" "efs_initialiser_function_security_group" {
  description = "Creates the Panintelligence EFS directories and seeds absent files (never deletes): NFS to EFS"
  name        = "${var.name}-efs-init"
  tags = {
    Name = "${var.name}-efs-init"
  }
  vpc_id = var.vpc_id
}

resource "aws_security_group" "file_storage_security_group" {
  description = "EFS mount targets: NFS 2049 from named client security groups only"
  name        = "${var.name}-efs"
  tags = {
    Name = "${var.name}-efs"
  }
  vpc_id = var.vpc_id
}

resource "aws_security_group" "upload_sync_function_security_group" {
  count       = var.enable_upload_sync ? 1 : 0
  description = "Copies uploads from the upload bucket onto EFS and mirrors deletions: NFS to EFS, HTTPS out"
  name        = "${var.name}-upload-sync"
  tags = {
    Name = "${var.name}-upload-sync"
  }
  vpc_id = var.vpc_id
}

resource "aws_service_discovery_http_namespace" "compute_cluster_namespace" {
  description = "Service Connect names of the ${var.name} Panintelligence services"
  name        = "${var.name}.internal"
}

resource "aws_sns_topic" "alarms_topic" {
  display_name      = "${var.name} alarms"
  kms_master_key_id = aws_kms_key.alarms_key.arn
  name              = "${var.name}-alarms"
  tags = {
    Name = "${var.name}-alarms"
  }
}

resource "aws_sns_topic_policy" "alarms_policy" {
  arn    = aws_sns_topic.alarms_topic.arn
  policy = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Sid" = "AccountManages", "Effect" = "Allow", "Principal" = { "AWS" = "arn:aws:iam::${var.account_id}:root" }, "Action" = ["sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:AddPermission", "sns:RemovePermission", "sns:DeleteTopic", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish"], "Resource" = aws_sns_topic.alarms_topic.arn }, { "Sid" = "CloudWatchAlarmsPublish", "Effect" = "Allow", "Principal" = { "Service" = "cloudwatch.amazonaws.com" }, "Action" = "sns:Publish", "Resource" = aws_sns_topic.alarms_topic.arn, "Condition" = { "StringEquals" = { "aws:SourceAccount" = var.account_id }, "ArnLike" = { "aws:SourceArn" = "arn:aws:cloudwatch:${var.region}:${var.account_id}:alarm:*" } } }] })
}

resource "aws_sns_topic_subscription" "alarms_email" {
  for_each  = toset(var.alarm_emails)
  endpoint  = each.value
  protocol  = "email"
  topic_arn = aws_sns_topic.alarms_topic.arn
}

resource "aws_sqs_queue" "upload_sync_dead_letters" {
  count                     = var.enable_upload_sync ? 1 : 0
  message_retention_seconds = 1209600
  name                      = "${var.name}-upload-sync-dlq"
  sqs_managed_sse_enabled   = true
}

resource "aws_ssm_association" "compute_first_start_dashboard" {
  association_name = "${var.name}-first-start-dashboard"
  name             = aws_ssm_document.compute_redeploy_runbook.name
  parameters = {
    AutomationAssumeRole = aws_iam_role.compute_redeploy_automation_role.arn
    Cluster              = var.name
    Service              = "dashboard"
  }

  depends_on = [
    aws_ecs_service.compute_dashboard_service,
    aws_ecs_service.compute_pirana_service,
    aws_ecs_service.compute_renderer_service,
    aws_ecs_service.compute_scheduler_service,
    aws_iam_role_policy.compute_redeploy_automation_policy,
    aws_ssm_document.compute_redeploy_runbook,
  ]
}

resource "aws_ssm_association" "compute_first_start_renderer" {
  count            = var.enable_renderer ? 1 : 0
  association_name = "${var.name}-first-start-renderer"
  name             = aws_ssm_document.compute_redeploy_runbook.name
  parameters = {
    AutomationAssumeRole = aws_iam_role.compute_redeploy_automation_role.arn
    Cluster              = var.name
    Service              = "renderer"
  }

  depends_on = [
    aws_ecs_service.compute_dashboard_service,
    aws_ecs_service.compute_pirana_service,
    aws_ecs_service.compute_renderer_service,
    aws_ecs_service.compute_scheduler_service,
    aws_iam_role_policy.compute_redeploy_automation_policy,
    aws_ssm_document.compute_redeploy_runbook,
  ]
}

resource "aws_ssm_document" "compute_redeploy_runbook" {
  content         = jsonencode({ "schemaVersion" = "0.3", "description" = "Force a new deployment of one ECS service, so its tasks read their secrets again.", "assumeRole" = "{{ AutomationAssumeRole }}", "parameters" = { "AutomationAssumeRole" = { "type" = "String", "description" = "Role the runbook runs as." }, "Cluster" = { "type" = "String", "description" = "ECS cluster name or ARN." }, "Service" = { "type" = "String", "description" = "ECS service name." } }, "mainSteps" = [{ "name" = "ForceNewDeployment", "action" = "aws:executeAwsApi", "maxAttempts" = 3, "inputs" = { "Service" = "ecs", "Api" = "UpdateService", "cluster" = "{{ Cluster }}", "service" = "{{ Service }}", "forceNewDeployment" = true }, "isEnd" = true }] })
  document_format = "JSON"
  document_type   = "Automation"
  name            = "${var.name}-redeploy"
  tags = {
    Name = "${var.name}-redeploy"
  }
}

resource "aws_vpc_security_group_egress_rule" "compute_dashboard_egress_database" {
  description                  = "dashboard to the repository database"
  from_port                    = aws_db_instance.database_instance.port
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.database_security_group.id
  security_group_id            = aws_security_group.compute_dashboard_security_group.id
  to_port                      = aws_db_instance.database_instance.port
}

resource "aws_vpc_security_group_egress_rule" "compute_dashboard_egress_efs" {
  description                  = "dashboard to the EFS mount targets"
  from_port                    = 2049
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.file_storage_security_group.id
  security_group_id            = aws_security_group.compute_dashboard_security_group.id
  to_port                      = 2049
}

resource "aws_vpc_security_group_egress_rule" "compute_dashboard_egress_pirana_9918" {
  count                        = var.enable_pirana ? 1 : 0
  description                  = "dashboard to pirana 9918"
  from_port                    = 9918
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.compute_pirana_security_group[0].id
  security_group_id            = aws_security_group.compute_dashboard_security_group.id
  to_port                      = 9918
}

resource "aws_vpc_security_group_egress_rule" "compute_dashboard_egress_renderer_9915" {
  count                        = var.enable_renderer ? 1 : 0
  description                  = "dashboard to renderer 9915"
  from_port                    = 9915
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.compute_renderer_security_group[0].id
  security_group_id            = aws_security_group.compute_dashboard_security_group.id
  to_port                      = 9915
}

resource "aws_vpc_security_group_egress_rule" "compute_dashboard_egress_scheduler_9917" {
  description                  = "dashboard to scheduler 9917"
  from_port                    = 9917
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.compute_scheduler_security_group.id
  security_group_id            = aws_security_group.compute_dashboard_security_group.id
  to_port                      = 9917
}

resource "aws_vpc_security_group_egress_rule" "compute_dashboard_https_egress" {
  cidr_ipv4         = "0.0.0.0/0"
  description       = "HTTPS to AWS APIs (ECR, Logs, Secrets Manager) and the image registry"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.compute_dashboard_security_group.id
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "compute_pirana_https_egress" {
  count             = var.enable_pirana ? 1 : 0
  cidr_ipv4         = "0.0.0.0/0"
  description       = "HTTPS to AWS APIs (ECR, Logs, Secrets Manager) and the image registry"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.compute_pirana_security_group[0].id
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "compute_renderer_egress_dashboard_28748" {
  count                        = var.enable_renderer ? 1 : 0
  description                  = "renderer to dashboard 28748"
  from_port                    = 28748
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.compute_dashboard_security_group.id
  security_group_id            = aws_security_group.compute_renderer_security_group[0].id
  to_port                      = 28748
}

resource "aws_vpc_security_group_egress_rule" "compute_renderer_https_egress" {
  count             = var.enable_renderer ? 1 : 0
  cidr_ipv4         = "0.0.0.0/0"
  description       = "HTTPS to AWS APIs (ECR, Logs, Secrets Manager) and the image registry"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.compute_renderer_security_group[0].id
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "compute_scheduler_egress_dashboard_28748" {
  description                  = "scheduler to dashboard 28748"
  from_port                    = 28748
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.compute_dashboard_security_group.id
  security_group_id            = aws_security_group.compute_scheduler_security_group.id
  to_port                      = 28748
}

resource "aws_vpc_security_group_egress_rule" "compute_scheduler_egress_database" {
  description                  = "scheduler to the repository database"
  from_port                    = aws_db_instance.database_instance.port
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.database_security_group.id
  security_group_id            = aws_security_group.compute_scheduler_security_group.id
  to_port                      = aws_db_instance.database_instance.port
}

resource "aws_vpc_security_group_egress_rule" "compute_scheduler_egress_efs" {
  description                  = "scheduler to the EFS mount targets"
  from_port                    = 2049
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.file_storage_security_group.id
  security_group_id            = aws_security_group.compute_scheduler_security_group.id
  to_port                      = 2049
}

resource "aws_vpc_security_group_egress_rule" "compute_scheduler_https_egress" {
  cidr_ipv4         = "0.0.0.0/0"
  description       = "HTTPS to AWS APIs (ECR, Logs, Secrets Manager) and the image registry"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.compute_scheduler_security_group.id
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "edge_security_group_out_8224_ecs_dashboard_service_http_8224" {
  description                  = "To ECS dashboard service HTTP 8224"
  from_port                    = 8224
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.compute_dashboard_security_group.id
  security_group_id            = aws_security_group.edge_security_group.id
  to_port                      = 8224
}

resource "aws_vpc_security_group_egress_rule" "efs_initialiser_function_nfs_egress" {
  description                  = "NFS to the EFS mount targets"
  from_port                    = 2049
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.file_storage_security_group.id
  security_group_id            = aws_security_group.efs_initialiser_function_security_group.id
  to_port                      = 2049
}

resource "aws_vpc_security_group_egress_rule" "upload_sync_function_https_egress" {
  count             = var.enable_upload_sync ? 1 : 0
  cidr_ipv4         = "0.0.0.0/0"
  description       = "HTTPS to AWS APIs (S3) through NAT or VPC endpoints"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.upload_sync_function_security_group[0].id
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "upload_sync_function_nfs_egress" {
  count                        = var.enable_upload_sync ? 1 : 0
  description                  = "NFS to the EFS mount targets"
  from_port                    = 2049
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.file_storage_security_group.id
  security_group_id            = aws_security_group.upload_sync_function_security_group[0].id
  to_port                      = 2049
}

resource "aws_vpc_security_group_ingress_rule" "compute_dashboard_ingress_renderer_28748" {
  count                        = var.enable_renderer ? 1 : 0
  description                  = "renderer to dashboard 28748"
  from_port                    = 28748
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.compute_renderer_security_group[0].id
  security_group_id            = aws_security_group.compute_dashboard_security_group.id
  to_port                      = 28748
}

resource "aws_vpc_security_group_ingress_rule" "compute_dashboard_ingress_scheduler_28748" {
  description                  = "scheduler to dashboard 28748"
  from_port                    = 28748
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.compute_scheduler_security_group.id
  security_group_id            = aws_security_group.compute_dashboard_security_group.id
  to_port                      = 28748
}

resource "aws_vpc_security_group_ingress_rule" "compute_pirana_ingress_dashboard_9918" {
  count                        = var.enable_pirana ? 1 : 0
  description                  = "dashboard to pirana 9918"
  from_port                    = 9918
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.compute_dashboard_security_group.id
  security_group_id            = aws_security_group.compute_pirana_security_group[0].id
  to_port                      = 9918
}

resource "aws_vpc_security_group_ingress_rule" "compute_renderer_ingress_dashboard_9915" {
  count                        = var.enable_renderer ? 1 : 0
  description                  = "dashboard to renderer 9915"
  from_port                    = 9915
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.compute_dashboard_security_group.id
  security_group_id            = aws_security_group.compute_renderer_security_group[0].id
  to_port                      = 9915
}

resource "aws_vpc_security_group_ingress_rule" "compute_scheduler_ingress_dashboard_9917" {
  description                  = "dashboard to scheduler 9917"
  from_port                    = 9917
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.compute_dashboard_security_group.id
  security_group_id            = aws_security_group.compute_scheduler_security_group.id
  to_port                      = 9917
}

resource "aws_vpc_security_group_ingress_rule" "database_security_group_from_ecs_dashboard_service" {
  description                  = "ECS dashboard service"
  from_port                    = 3306
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.compute_dashboard_security_group.id
  security_group_id            = aws_security_group.database_security_group.id
  to_port                      = 3306
}

resource "aws_vpc_security_group_ingress_rule" "database_security_group_from_ecs_scheduler_service" {
  description                  = "ECS scheduler service"
  from_port                    = 3306
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.compute_scheduler_security_group.id
  security_group_id            = aws_security_group.database_security_group.id
  to_port                      = 3306
}

resource "aws_vpc_security_group_ingress_rule" "edge_security_group_in_443_ipv4" {
  for_each          = toset(var.ingress_cidrs_ipv4)
  cidr_ipv4         = each.value
  description       = "HTTPS from ${each.value}"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.edge_security_group.id
  to_port           = 443
}

resource "aws_vpc_security_group_ingress_rule" "edge_security_group_in_443_ipv6" {
  for_each          = toset(var.ingress_cidrs_ipv6)
  cidr_ipv6         = each.value
  description       = "HTTPS from ${each.value}"
  from_port         = 443
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.edge_security_group.id
  to_port           = 443
}

resource "aws_vpc_security_group_ingress_rule" "edge_security_group_in_80_ipv4" {
  for_each          = toset(var.ingress_cidrs_ipv4)
  cidr_ipv4         = each.value
  description       = "HTTP (redirected to HTTPS) from ${each.value}"
  from_port         = 80
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.edge_security_group.id
  to_port           = 80
}

resource "aws_vpc_security_group_ingress_rule" "edge_security_group_in_80_ipv6" {
  for_each          = toset(var.ingress_cidrs_ipv6)
  cidr_ipv6         = each.value
  description       = "HTTP (redirected to HTTPS) from ${each.value}"
  from_port         = 80
  ip_protocol       = "tcp"
  security_group_id = aws_security_group.edge_security_group.id
  to_port           = 80
}

resource "aws_vpc_security_group_ingress_rule" "edge_security_group_service_in_8224_ecs_dashboard_service_http_8224" {
  description                  = "From the load balancer: ECS dashboard service HTTP 8224"
  from_port                    = 8224
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.edge_security_group.id
  security_group_id            = aws_security_group.compute_dashboard_security_group.id
  to_port                      = 8224
}

resource "aws_vpc_security_group_ingress_rule" "file_storage_security_group_from_ecs_dashboard_service" {
  description                  = "ECS dashboard service"
  from_port                    = 2049
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.compute_dashboard_security_group.id
  security_group_id            = aws_security_group.file_storage_security_group.id
  to_port                      = 2049
}

resource "aws_vpc_security_group_ingress_rule" "file_storage_security_group_from_ecs_scheduler_service" {
  description                  = "ECS scheduler service"
  from_port                    = 2049
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.compute_scheduler_security_group.id
  security_group_id            = aws_security_group.file_storage_security_group.id
  to_port                      = 2049
}

resource "aws_vpc_security_group_ingress_rule" "file_storage_security_group_from_lambda_efs_initialiser" {
  description                  = "Lambda efs_initialiser"
  from_port                    = 2049
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.efs_initialiser_function_security_group.id
  security_group_id            = aws_security_group.file_storage_security_group.id
  to_port                      = 2049
}

resource "aws_vpc_security_group_ingress_rule" "file_storage_security_group_from_lambda_upload_sync" {
  count                        = var.enable_upload_sync ? 1 : 0
  description                  = "Lambda upload_sync"
  from_port                    = 2049
  ip_protocol                  = "tcp"
  referenced_security_group_id = aws_security_group.upload_sync_function_security_group[0].id
  security_group_id            = aws_security_group.file_storage_security_group.id
  to_port                      = 2049
}

resource "aws_wafv2_web_acl" "edge_waf_web_acl" {
  count       = var.enable_waf ? 1 : 0
  description = "Panintelligence load balancer: rate limit and AWS managed rule sets"
  name        = "${var.name}-web-acl"
  scope       = "REGIONAL"
  tags = {
    Name = "${var.name}-web-acl"
  }

  default_action {
    allow {

    }
  }

  rule {
    name     = "rate-limit-per-ip"
    priority = 0

    action {
      block {

      }
    }

    statement {
      rate_based_statement {
        aggregate_key_type    = "IP"
        evaluation_window_sec = 300
        limit                 = var.waf_rate_limit
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-rate-limit"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "AWSManagedRulesAmazonIpReputationList"
    priority = 1

    override_action {
      none {

      }
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesAmazonIpReputationList"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-AWSManagedRulesAmazonIpReputationList"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "AWSManagedRulesKnownBadInputsRuleSet"
    priority = 2

    override_action {
      none {

      }
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-AWSManagedRulesKnownBadInputsRuleSet"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "AWSManagedRulesCommonRuleSet"
    priority = 3

    override_action {
      none {

      }
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"

        rule_action_override {
          name = "SizeRestrictions_BODY"

          action_to_use {
            count {

            }
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-AWSManagedRulesCommonRuleSet"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${var.name}-web-acl"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "edge_waf_association" {
  count        = var.enable_waf ? 1 : 0
  resource_arn = aws_lb.edge_alb.arn
  web_acl_arn  = aws_wafv2_web_acl.edge_waf_web_acl[0].arn
}

resource "aws_wafv2_web_acl_logging_configuration" "edge_waf_logging" {
  count                   = var.enable_waf ? 1 : 0
  log_destination_configs = [aws_cloudwatch_log_group.edge_waf_log_group[0].arn]
  resource_arn            = aws_wafv2_web_acl.edge_waf_web_acl[0].arn
}

resource "terraform_data" "database_final_snapshot_name_created_at" {
  input = timestamp()

  lifecycle {
    ignore_changes = [input]
  }
}
