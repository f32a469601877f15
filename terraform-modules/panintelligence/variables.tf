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

variable "vpc_id" {
  type        = string
  description = "Id of the existing VPC."
  nullable    = false

  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))
    error_message = "vpc_id must match ^vpc-[0-9a-f]{8,17}$."
  }
}

variable "public_subnet_ids" {
  type        = list(string)
  description = "Public subnets (internet-facing ALB), in ≥ 2 zones."
  nullable    = false

  validation {
    condition     = alltrue([for x in var.public_subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", x))])
    error_message = "every element of public_subnet_ids must match ^subnet-[0-9a-f]{8,17}$."
  }

  validation {
    condition     = length(var.public_subnet_ids) >= 2
    error_message = "public_subnet_ids needs at least 2 elements."
  }
}

variable "app_subnet_ids" {
  type        = list(string)
  description = "Private subnets with outbound internet (tasks, EFS mount targets, Lambdas)."
  nullable    = false

  validation {
    condition     = alltrue([for x in var.app_subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", x))])
    error_message = "every element of app_subnet_ids must match ^subnet-[0-9a-f]{8,17}$."
  }

  validation {
    condition     = length(var.app_subnet_ids) >= 2
    error_message = "app_subnet_ids needs at least 2 elements."
  }
}

variable "data_subnet_ids" {
  type        = list(string)
  description = "Private subnets without internet route (RDS)."
  nullable    = false

  validation {
    condition     = alltrue([for x in var.data_subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", x))])
    error_message = "every element of data_subnet_ids must match ^subnet-[0-9a-f]{8,17}$."
  }

  validation {
    condition     = length(var.data_subnet_ids) >= 2
    error_message = "data_subnet_ids needs at least 2 elements."
  }
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

variable "enable_renderer" {
  type        = bool
  description = "Run the renderer (9915): PDF/image rendering for reports."
  default     = true
  nullable    = false
}

variable "enable_pirana" {
  type        = bool
  description = "Run the pirana analytics service (9918; needs the piAnalytics licence)."
  default     = false
  nullable    = false
}

variable "enable_waf" {
  type        = bool
  description = "Attach a WAF web ACL (AWS managed Common, Known Bad Inputs and IP Reputation rules plus a per-IP rate limit)."
  default     = true
  nullable    = false
}

variable "enable_upload_sync" {
  type        = bool
  description = "Create the upload bucket and the function that mirrors it onto EFS."
  default     = true
  nullable    = false
}

variable "database_instance_class" {
  type        = string
  description = "RDS instance class."
  default     = "db.t4g.small"
  nullable    = false

  validation {
    condition     = can(regex("^db\\.[a-z][a-z0-9-]*\\.(nano|micro|small|medium|large|xlarge|\\d+xlarge|metal(-\\d+xl)?)$", var.database_instance_class))
    error_message = "database_instance_class must match ^db\\.[a-z][a-z0-9-]*\\.(nano|micro|small|medium|large|xlarge|\\d+xlarge|metal(-\\d+xl)?)$."
  }
}

variable "database_allocated_storage_gib" {
  type        = number
  description = "Initial gp3 storage in GiB."
  default     = 20
  nullable    = false

  validation {
    condition     = var.database_allocated_storage_gib >= 20 && var.database_allocated_storage_gib <= 65536
    error_message = "database_allocated_storage_gib must be in 20..65536."
  }

  validation {
    condition     = floor(var.database_allocated_storage_gib) == var.database_allocated_storage_gib
    error_message = "database_allocated_storage_gib must be a whole number."
  }
}

variable "database_max_allocated_storage_gib" {
  type        = number
  description = "Storage autoscaling ceiling in GiB; at least 10% above allocatedStorageGib."
  default     = 100
  nullable    = false

  validation {
    condition     = var.database_max_allocated_storage_gib >= 22 && var.database_max_allocated_storage_gib <= 65536
    error_message = "database_max_allocated_storage_gib must be in 22..65536."
  }

  validation {
    condition     = floor(var.database_max_allocated_storage_gib) == var.database_max_allocated_storage_gib
    error_message = "database_max_allocated_storage_gib must be a whole number."
  }
}

variable "database_multi_az" {
  type        = bool
  description = "Keep a synchronous standby in a second zone (automatic failover)."
  default     = true
  nullable    = false
}

variable "database_backup_retention_days" {
  type        = number
  description = "Days of RDS automated backups (point-in-time restore)."
  default     = 14
  nullable    = false

  validation {
    condition     = var.database_backup_retention_days >= 1 && var.database_backup_retention_days <= 35
    error_message = "database_backup_retention_days must be in 1..35."
  }

  validation {
    condition     = floor(var.database_backup_retention_days) == var.database_backup_retention_days
    error_message = "database_backup_retention_days must be a whole number."
  }
}

variable "database_backup_window" {
  type        = string
  description = "Daily UTC window for the automated backup."
  default     = "02:00-03:00"
  nullable    = false

  validation {
    condition     = can(regex("^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d$", var.database_backup_window))
    error_message = "database_backup_window must match ^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d$."
  }
}

variable "database_maintenance_window" {
  type        = string
  description = "Weekly UTC window for minor upgrades and pending changes; must not overlap backupWindow."
  default     = "sun:04:00-sun:05:00"
  nullable    = false

  validation {
    condition     = can(regex("^(mon|tue|wed|thu|fri|sat|sun):([01]\\d|2[0-3]):[0-5]\\d-(mon|tue|wed|thu|fri|sat|sun):([01]\\d|2[0-3]):[0-5]\\d$", var.database_maintenance_window))
    error_message = "database_maintenance_window must match ^(mon|tue|wed|thu|fri|sat|sun):([01]\\d|2[0-3]):[0-5]\\d-(mon|tue|wed|thu|fri|sat|sun):([01]\\d|2[0-3]):[0-5]\\d$."
  }
}

variable "database_monitoring_interval_seconds" {
  type        = number
  description = "Enhanced-monitoring interval in seconds."
  default     = 60
  nullable    = false

  validation {
    condition     = contains([1, 5, 10, 15, 30, 60], var.database_monitoring_interval_seconds)
    error_message = "database_monitoring_interval_seconds must be one of 1, 5, 10, 15, 30, 60."
  }
}

variable "database_apply_immediately" {
  type        = bool
  description = "Apply changes at once instead of in the next maintenance window (may restart the instance)."
  default     = false
  nullable    = false
}

variable "database_master_username" {
  type        = string
  description = "Master user name. The password is generated and kept by RDS in Secrets Manager (manage_master_user_password); it never appears in the Terraform JSON or state."
  default     = "pi_admin"
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_]{0,15}$", var.database_master_username))
    error_message = "database_master_username must match ^[A-Za-z][A-Za-z0-9_]{0,15}$."
  }
}

variable "backup_schedule" {
  type        = string
  description = "When the daily backup of the database and the file system starts (AWS Backup cron, UTC)."
  default     = "cron(0 3 * * ? *)"
  nullable    = false

  validation {
    condition     = can(regex("^cron\\(\\S+( \\S+){5}\\)$", var.backup_schedule))
    error_message = "backup_schedule must match ^cron\\(\\S+( \\S+){5}\\)$."
  }
}

variable "backup_retention_days" {
  type        = number
  description = "Days each recovery point is kept (lifecycle delete_after)."
  default     = 35
  nullable    = false

  validation {
    condition     = var.backup_retention_days >= 7 && var.backup_retention_days <= 36500
    error_message = "backup_retention_days must be in 7..36500."
  }

  validation {
    condition     = floor(var.backup_retention_days) == var.backup_retention_days
    error_message = "backup_retention_days must be a whole number."
  }
}

variable "domain_name" {
  type        = string
  description = "Host name the dashboard is served on (https://<domainName>/pi); an alias record for it is created in `hostedZoneId`."
  nullable    = false

  validation {
    condition     = length(var.domain_name) >= 1 && length(var.domain_name) <= 253
    error_message = "domain_name must be 1 to 253 characters long."
  }

  validation {
    condition     = can(regex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$", var.domain_name))
    error_message = "domain_name must match ^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$."
  }
}

variable "hosted_zone_id" {
  type        = string
  description = "Id of the Route 53 hosted zone that holds `domainName` (and the certificate's DNS validation records). No lookup is made: give the id."
  nullable    = false

  validation {
    condition     = can(regex("^Z[0-9A-Z]{7,31}$", var.hosted_zone_id))
    error_message = "hosted_zone_id must match ^Z[0-9A-Z]{7,31}$."
  }
}

variable "tls_policy" {
  type        = string
  description = "Security policy of the HTTPS listener (TLS 1.2+ with TLS 1.3; FIPS and post-quantum variants allowed)."
  default     = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"
  nullable    = false

  validation {
    condition     = contains(["ELBSecurityPolicy-TLS13-1-2-Res-2021-06", "ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09"], var.tls_policy)
    error_message = "tls_policy must be one of ELBSecurityPolicy-TLS13-1-2-Res-2021-06, ELBSecurityPolicy-TLS13-1-3-2021-06, ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04, ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04, ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09, ELBSecurityPolicy-TLS13-1-3-PQ-2025-09."
  }
}

variable "idle_timeout_seconds" {
  type        = number
  description = "Seconds a connection may stay idle; long-running report requests need well above the ALB's 60-second default."
  default     = 300
  nullable    = false

  validation {
    condition     = var.idle_timeout_seconds >= 60 && var.idle_timeout_seconds <= 4000
    error_message = "idle_timeout_seconds must be in 60..4000."
  }

  validation {
    condition     = floor(var.idle_timeout_seconds) == var.idle_timeout_seconds
    error_message = "idle_timeout_seconds must be a whole number."
  }
}

variable "access_logs_expiration_days" {
  type        = number
  description = "Days the ALB access logs (and S3 server access logs) are kept in the log bucket."
  default     = 90
  nullable    = false

  validation {
    condition     = var.access_logs_expiration_days >= 1 && var.access_logs_expiration_days <= 3650
    error_message = "access_logs_expiration_days must be in 1..3650."
  }

  validation {
    condition     = floor(var.access_logs_expiration_days) == var.access_logs_expiration_days
    error_message = "access_logs_expiration_days must be a whole number."
  }
}

variable "waf_rate_limit" {
  type        = number
  description = "Requests one IP address may make in 5 minutes before it is blocked. Offices behind one NAT share an address and the dashboard is chatty: keep it generous."
  default     = 5000
  nullable    = false

  validation {
    condition     = var.waf_rate_limit >= 100 && var.waf_rate_limit <= 2000000000
    error_message = "waf_rate_limit must be in 100..2000000000."
  }

  validation {
    condition     = floor(var.waf_rate_limit) == var.waf_rate_limit
    error_message = "waf_rate_limit must be a whole number."
  }
}

variable "ingress_cidrs_ipv4" {
  type        = list(string)
  description = "IPv4 ranges allowed to reach ports 80 and 443."
  default     = ["0.0.0.0/0"]
  nullable    = false

  validation {
    condition     = alltrue([for c in var.ingress_cidrs_ipv4 : can(cidrnetmask(c))])
    error_message = "every element of ingress_cidrs_ipv4 must be an IPv4 CIDR block such as 203.0.113.0/24."
  }
}

variable "ingress_cidrs_ipv6" {
  type        = list(string)
  description = "IPv6 ranges allowed to reach ports 80 and 443 (effective with `dualstack`)."
  default     = ["::/0"]
  nullable    = false

  validation {
    condition     = alltrue([for c in var.ingress_cidrs_ipv6 : can(cidrhost(c, 0)) && strcontains(c, ":")])
    error_message = "every element of ingress_cidrs_ipv6 must be an IPv6 CIDR block such as 2001:db8::/32."
  }
}

variable "alarm_emails" {
  type        = list(string)
  description = "Addresses subscribed to the alarm topic (each must confirm the subscription e-mail AWS sends)."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for x in var.alarm_emails : can(regex("^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$", x))])
    error_message = "every element of alarm_emails must match ^(?:[A-Za-z0-9_'+\\-]+\\.)*[A-Za-z0-9_'+\\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$."
  }
}

variable "alarm_alb_server_error_percent" {
  type        = number
  description = "Alarm when 5xx responses (from the load balancer and the targets) exceed this share of requests, over 3 of 5 minutes."
  default     = 5
  nullable    = false

  validation {
    condition     = var.alarm_alb_server_error_percent >= 0.1 && var.alarm_alb_server_error_percent <= 100
    error_message = "alarm_alb_server_error_percent must be in 0.1..100."
  }
}

variable "alarm_alb_target_response_time_seconds" {
  type        = number
  description = "Alarm when the 95th-percentile dashboard response time exceeds this for 3 of 5 minutes (reports are slow; keep it high)."
  default     = 30
  nullable    = false

  validation {
    condition     = var.alarm_alb_target_response_time_seconds >= 0.1 && var.alarm_alb_target_response_time_seconds <= 4000
    error_message = "alarm_alb_target_response_time_seconds must be in 0.1..4000."
  }
}

variable "alarm_database_cpu_percent" {
  type        = number
  description = "Alarm when the database's CPU stays above this for 10 minutes (the vendor's guidance: near 90 %, investigate or size up)."
  default     = 90
  nullable    = false

  validation {
    condition     = var.alarm_database_cpu_percent >= 1 && var.alarm_database_cpu_percent <= 100
    error_message = "alarm_database_cpu_percent must be in 1..100."
  }
}

variable "alarm_database_connections" {
  type        = number
  description = "Alarm when connections exceed this for 5 minutes (the vendor warns near 300)."
  default     = 250
  nullable    = false

  validation {
    condition     = var.alarm_database_connections >= 1 && var.alarm_database_connections <= 9007199254740991
    error_message = "alarm_database_connections must be in 1..9007199254740991."
  }

  validation {
    condition     = floor(var.alarm_database_connections) == var.alarm_database_connections
    error_message = "alarm_database_connections must be a whole number."
  }
}

variable "alarm_dashboard_cpu_percent" {
  type        = number
  description = "Alarm when the dashboard service's average CPU stays above this for 10 minutes (autoscaling should have acted)."
  default     = 85
  nullable    = false

  validation {
    condition     = var.alarm_dashboard_cpu_percent >= 1 && var.alarm_dashboard_cpu_percent <= 100
    error_message = "alarm_dashboard_cpu_percent must be in 1..100."
  }
}

variable "dashboard_cpu" {
  type        = number
  description = "Task CPU units (1024 = 1 vCPU)."
  default     = 1024
  nullable    = false

  validation {
    condition     = var.dashboard_cpu >= -9007199254740991 && var.dashboard_cpu <= 9007199254740991
    error_message = "dashboard_cpu must be in -9007199254740991..9007199254740991."
  }

  validation {
    condition     = floor(var.dashboard_cpu) == var.dashboard_cpu
    error_message = "dashboard_cpu must be a whole number."
  }

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.dashboard_cpu)
    error_message = "dashboard_cpu must be a Fargate CPU value: 256, 512, 1024, 2048, 4096, 8192, 16384."
  }
}

variable "dashboard_memory_mib" {
  type        = number
  description = "Task memory in MiB; must be valid for `cpu` on Fargate."
  default     = 2048
  nullable    = false

  validation {
    condition     = var.dashboard_memory_mib >= -9007199254740991 && var.dashboard_memory_mib <= 9007199254740991
    error_message = "dashboard_memory_mib must be in -9007199254740991..9007199254740991."
  }

  validation {
    condition     = floor(var.dashboard_memory_mib) == var.dashboard_memory_mib
    error_message = "dashboard_memory_mib must be a whole number."
  }

  validation {
    condition     = contains(lookup({ "256" = [512, 1024, 2048], "512" = [1024, 2048, 3072, 4096], "1024" = [2048, 3072, 4096, 5120, 6144, 7168, 8192], "2048" = [4096, 5120, 6144, 7168, 8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384], "4096" = [8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384, 17408, 18432, 19456, 20480, 21504, 22528, 23552, 24576, 25600, 26624, 27648, 28672, 29696, 30720], "8192" = [16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440], "16384" = [32768, 40960, 49152, 57344, 65536, 73728, 81920, 90112, 98304, 106496, 114688, 122880] }, tostring(var.dashboard_cpu), []), var.dashboard_memory_mib)
    error_message = "dashboard_memory_mib must be a Fargate memory size for dashboard_cpu (e.g. 1024 CPU: 2048 to 8192 in steps of 1024)."
  }

  validation {
    condition     = var.dashboard_memory_mib >= 2048
    error_message = "dashboard_memory_mib must be at least 2048 (Tomcat and the dashboard need it)."
  }
}

variable "scheduler_cpu" {
  type        = number
  description = "Task CPU units (1024 = 1 vCPU)."
  default     = 512
  nullable    = false

  validation {
    condition     = var.scheduler_cpu >= -9007199254740991 && var.scheduler_cpu <= 9007199254740991
    error_message = "scheduler_cpu must be in -9007199254740991..9007199254740991."
  }

  validation {
    condition     = floor(var.scheduler_cpu) == var.scheduler_cpu
    error_message = "scheduler_cpu must be a whole number."
  }

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.scheduler_cpu)
    error_message = "scheduler_cpu must be a Fargate CPU value: 256, 512, 1024, 2048, 4096, 8192, 16384."
  }
}

variable "scheduler_memory_mib" {
  type        = number
  description = "Task memory in MiB; must be valid for `cpu` on Fargate."
  default     = 1024
  nullable    = false

  validation {
    condition     = var.scheduler_memory_mib >= -9007199254740991 && var.scheduler_memory_mib <= 9007199254740991
    error_message = "scheduler_memory_mib must be in -9007199254740991..9007199254740991."
  }

  validation {
    condition     = floor(var.scheduler_memory_mib) == var.scheduler_memory_mib
    error_message = "scheduler_memory_mib must be a whole number."
  }

  validation {
    condition     = contains(lookup({ "256" = [512, 1024, 2048], "512" = [1024, 2048, 3072, 4096], "1024" = [2048, 3072, 4096, 5120, 6144, 7168, 8192], "2048" = [4096, 5120, 6144, 7168, 8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384], "4096" = [8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384, 17408, 18432, 19456, 20480, 21504, 22528, 23552, 24576, 25600, 26624, 27648, 28672, 29696, 30720], "8192" = [16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440], "16384" = [32768, 40960, 49152, 57344, 65536, 73728, 81920, 90112, 98304, 106496, 114688, 122880] }, tostring(var.scheduler_cpu), []), var.scheduler_memory_mib)
    error_message = "scheduler_memory_mib must be a Fargate memory size for scheduler_cpu (e.g. 1024 CPU: 2048 to 8192 in steps of 1024)."
  }
}

variable "renderer_cpu" {
  type        = number
  description = "Task CPU units (1024 = 1 vCPU)."
  default     = 1024
  nullable    = false

  validation {
    condition     = var.renderer_cpu >= -9007199254740991 && var.renderer_cpu <= 9007199254740991
    error_message = "renderer_cpu must be in -9007199254740991..9007199254740991."
  }

  validation {
    condition     = floor(var.renderer_cpu) == var.renderer_cpu
    error_message = "renderer_cpu must be a whole number."
  }

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.renderer_cpu)
    error_message = "renderer_cpu must be a Fargate CPU value: 256, 512, 1024, 2048, 4096, 8192, 16384."
  }
}

variable "renderer_memory_mib" {
  type        = number
  description = "Task memory in MiB; must be valid for `cpu` on Fargate."
  default     = 2048
  nullable    = false

  validation {
    condition     = var.renderer_memory_mib >= -9007199254740991 && var.renderer_memory_mib <= 9007199254740991
    error_message = "renderer_memory_mib must be in -9007199254740991..9007199254740991."
  }

  validation {
    condition     = floor(var.renderer_memory_mib) == var.renderer_memory_mib
    error_message = "renderer_memory_mib must be a whole number."
  }

  validation {
    condition     = contains(lookup({ "256" = [512, 1024, 2048], "512" = [1024, 2048, 3072, 4096], "1024" = [2048, 3072, 4096, 5120, 6144, 7168, 8192], "2048" = [4096, 5120, 6144, 7168, 8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384], "4096" = [8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384, 17408, 18432, 19456, 20480, 21504, 22528, 23552, 24576, 25600, 26624, 27648, 28672, 29696, 30720], "8192" = [16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440], "16384" = [32768, 40960, 49152, 57344, 65536, 73728, 81920, 90112, 98304, 106496, 114688, 122880] }, tostring(var.renderer_cpu), []), var.renderer_memory_mib)
    error_message = "renderer_memory_mib must be a Fargate memory size for renderer_cpu (e.g. 1024 CPU: 2048 to 8192 in steps of 1024)."
  }
}

variable "pirana_cpu" {
  type        = number
  description = "Task CPU units (1024 = 1 vCPU)."
  default     = 1024
  nullable    = false

  validation {
    condition     = var.pirana_cpu >= -9007199254740991 && var.pirana_cpu <= 9007199254740991
    error_message = "pirana_cpu must be in -9007199254740991..9007199254740991."
  }

  validation {
    condition     = floor(var.pirana_cpu) == var.pirana_cpu
    error_message = "pirana_cpu must be a whole number."
  }

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.pirana_cpu)
    error_message = "pirana_cpu must be a Fargate CPU value: 256, 512, 1024, 2048, 4096, 8192, 16384."
  }
}

variable "pirana_memory_mib" {
  type        = number
  description = "Task memory in MiB; must be valid for `cpu` on Fargate."
  default     = 2048
  nullable    = false

  validation {
    condition     = var.pirana_memory_mib >= -9007199254740991 && var.pirana_memory_mib <= 9007199254740991
    error_message = "pirana_memory_mib must be in -9007199254740991..9007199254740991."
  }

  validation {
    condition     = floor(var.pirana_memory_mib) == var.pirana_memory_mib
    error_message = "pirana_memory_mib must be a whole number."
  }

  validation {
    condition     = contains(lookup({ "256" = [512, 1024, 2048], "512" = [1024, 2048, 3072, 4096], "1024" = [2048, 3072, 4096, 5120, 6144, 7168, 8192], "2048" = [4096, 5120, 6144, 7168, 8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384], "4096" = [8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384, 17408, 18432, 19456, 20480, 21504, 22528, 23552, 24576, 25600, 26624, 27648, 28672, 29696, 30720], "8192" = [16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440], "16384" = [32768, 40960, 49152, 57344, 65536, 73728, 81920, 90112, 98304, 106496, 114688, 122880] }, tostring(var.pirana_cpu), []), var.pirana_memory_mib)
    error_message = "pirana_memory_mib must be a Fargate memory size for pirana_cpu (e.g. 1024 CPU: 2048 to 8192 in steps of 1024)."
  }
}

variable "dashboard_tomcat_max_memory_mb" {
  type        = number
  description = "JVM heap (PI_TOMCAT_MAX_MEMORY)."
  default     = null
  nullable    = true

  validation {
    condition     = var.dashboard_tomcat_max_memory_mb == null ? true : (var.dashboard_tomcat_max_memory_mb >= 512 && var.dashboard_tomcat_max_memory_mb <= 9007199254740991)
    error_message = "dashboard_tomcat_max_memory_mb must be in 512..9007199254740991."
  }

  validation {
    condition     = var.dashboard_tomcat_max_memory_mb == null ? true : (floor(var.dashboard_tomcat_max_memory_mb) == var.dashboard_tomcat_max_memory_mb)
    error_message = "dashboard_tomcat_max_memory_mb must be a whole number."
  }

  validation {
    condition     = var.dashboard_tomcat_max_memory_mb == null ? true : var.dashboard_tomcat_max_memory_mb <= var.dashboard_memory_mib - 512
    error_message = "dashboard_tomcat_max_memory_mb must leave at least 512 MiB of dashboard_memory_mib outside the heap; leave it null for the derived default."
  }
}

variable "service_connect_per_request_timeout_seconds" {
  type        = number
  description = "Longest a request between services may take (render, report callback) before Service Connect's proxy answers 504. Envoy's own default is 15 s."
  default     = null
  nullable    = true

  validation {
    condition     = var.service_connect_per_request_timeout_seconds == null ? true : (var.service_connect_per_request_timeout_seconds >= 1 && var.service_connect_per_request_timeout_seconds <= 86400)
    error_message = "service_connect_per_request_timeout_seconds must be in 1..86400."
  }

  validation {
    condition     = var.service_connect_per_request_timeout_seconds == null ? true : (floor(var.service_connect_per_request_timeout_seconds) == var.service_connect_per_request_timeout_seconds)
    error_message = "service_connect_per_request_timeout_seconds must be a whole number."
  }

  validation {
    condition     = var.service_connect_per_request_timeout_seconds == null ? true : var.service_connect_per_request_timeout_seconds >= var.idle_timeout_seconds
    error_message = "service_connect_per_request_timeout_seconds must be at least idle_timeout_seconds: a request cut off inside (504) while the load balancer still waits fails the report; leave it null to follow the load balancer."
  }
}

variable "service_connect_idle_timeout_seconds" {
  type        = number
  description = "Seconds a connection between services may stay idle before the proxy closes it."
  default     = null
  nullable    = true

  validation {
    condition     = var.service_connect_idle_timeout_seconds == null ? true : (var.service_connect_idle_timeout_seconds >= 1 && var.service_connect_idle_timeout_seconds <= 86400)
    error_message = "service_connect_idle_timeout_seconds must be in 1..86400."
  }

  validation {
    condition     = var.service_connect_idle_timeout_seconds == null ? true : (floor(var.service_connect_idle_timeout_seconds) == var.service_connect_idle_timeout_seconds)
    error_message = "service_connect_idle_timeout_seconds must be a whole number."
  }

  validation {
    condition     = var.service_connect_idle_timeout_seconds == null ? true : var.service_connect_idle_timeout_seconds >= var.idle_timeout_seconds
    error_message = "service_connect_idle_timeout_seconds must be at least idle_timeout_seconds: a request cut off inside (504) while the load balancer still waits fails the report; leave it null to follow the load balancer."
  }
}

variable "dashboard_image_repository" {
  type        = string
  description = "Image repository (no tag). Push the vendor image to your own ECR for continuity."
  default     = "ghcr.io/pi-cr/server"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9]+([._-][a-z0-9]+)*(:\\d+)?(\\/[a-z0-9]+([._/-][a-z0-9]+)*)*$", var.dashboard_image_repository))
    error_message = "dashboard_image_repository must match ^[a-z0-9]+([._-][a-z0-9]+)*(:\\d+)?(\\/[a-z0-9]+([._/-][a-z0-9]+)*)*$."
  }

  validation {
    condition     = !startswith(var.dashboard_image_repository, "ghcr.io/")
    error_message = "dashboard_image_repository is on ghcr.io, where Panintelligence's images are private, and this module takes no registry credentials: mirror the images to ECR (docs/runbooks/ecr-mirror.md) and set dashboard_image_repository to the ECR repository."
  }
}

variable "dashboard_image_tag" {
  type        = string
  description = "Image tag (the Panintelligence version)."
  default     = "2025_10.1"
  nullable    = false

  validation {
    condition     = can(regex("^[\\w][\\w.-]{0,127}$", var.dashboard_image_tag))
    error_message = "dashboard_image_tag must match ^[\\w][\\w.-]{0,127}$."
  }
}

variable "scheduler_image_repository" {
  type        = string
  description = "Image repository (no tag). Push the vendor image to your own ECR for continuity."
  default     = "ghcr.io/pi-cr/scheduler"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9]+([._-][a-z0-9]+)*(:\\d+)?(\\/[a-z0-9]+([._/-][a-z0-9]+)*)*$", var.scheduler_image_repository))
    error_message = "scheduler_image_repository must match ^[a-z0-9]+([._-][a-z0-9]+)*(:\\d+)?(\\/[a-z0-9]+([._/-][a-z0-9]+)*)*$."
  }

  validation {
    condition     = !startswith(var.scheduler_image_repository, "ghcr.io/")
    error_message = "scheduler_image_repository is on ghcr.io, where Panintelligence's images are private, and this module takes no registry credentials: mirror the images to ECR (docs/runbooks/ecr-mirror.md) and set scheduler_image_repository to the ECR repository."
  }
}

variable "scheduler_image_tag" {
  type        = string
  description = "Image tag (the Panintelligence version)."
  default     = "2025_10.1"
  nullable    = false

  validation {
    condition     = can(regex("^[\\w][\\w.-]{0,127}$", var.scheduler_image_tag))
    error_message = "scheduler_image_tag must match ^[\\w][\\w.-]{0,127}$."
  }
}

variable "renderer_image_repository" {
  type        = string
  description = "Image repository (no tag). Push the vendor image to your own ECR for continuity."
  default     = "ghcr.io/pi-cr/renderer"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9]+([._-][a-z0-9]+)*(:\\d+)?(\\/[a-z0-9]+([._/-][a-z0-9]+)*)*$", var.renderer_image_repository))
    error_message = "renderer_image_repository must match ^[a-z0-9]+([._-][a-z0-9]+)*(:\\d+)?(\\/[a-z0-9]+([._/-][a-z0-9]+)*)*$."
  }

  validation {
    condition     = !var.enable_renderer || !startswith(var.renderer_image_repository, "ghcr.io/")
    error_message = "renderer_image_repository is on ghcr.io, where Panintelligence's images are private, and this module takes no registry credentials: mirror the images to ECR (docs/runbooks/ecr-mirror.md) and set renderer_image_repository to the ECR repository."
  }
}

variable "renderer_image_tag" {
  type        = string
  description = "Image tag (the Panintelligence version)."
  default     = "2025_10.1"
  nullable    = false

  validation {
    condition     = can(regex("^[\\w][\\w.-]{0,127}$", var.renderer_image_tag))
    error_message = "renderer_image_tag must match ^[\\w][\\w.-]{0,127}$."
  }
}

variable "pirana_image_repository" {
  type        = string
  description = "Image repository (no tag). Push the vendor image to your own ECR for continuity."
  default     = "ghcr.io/pi-cr/pirana"
  nullable    = false

  validation {
    condition     = can(regex("^[a-z0-9]+([._-][a-z0-9]+)*(:\\d+)?(\\/[a-z0-9]+([._/-][a-z0-9]+)*)*$", var.pirana_image_repository))
    error_message = "pirana_image_repository must match ^[a-z0-9]+([._-][a-z0-9]+)*(:\\d+)?(\\/[a-z0-9]+([._/-][a-z0-9]+)*)*$."
  }

  validation {
    condition     = !var.enable_pirana || !startswith(var.pirana_image_repository, "ghcr.io/")
    error_message = "pirana_image_repository is on ghcr.io, where Panintelligence's images are private, and this module takes no registry credentials: mirror the images to ECR (docs/runbooks/ecr-mirror.md) and set pirana_image_repository to the ECR repository."
  }
}

variable "pirana_image_tag" {
  type        = string
  description = "Image tag (the Panintelligence version)."
  default     = "2025_10.1"
  nullable    = false

  validation {
    condition     = can(regex("^[\\w][\\w.-]{0,127}$", var.pirana_image_tag))
    error_message = "pirana_image_tag must match ^[\\w][\\w.-]{0,127}$."
  }
}

variable "upload_noncurrent_version_days" {
  type        = number
  description = "Days an overwritten or deleted upload is kept as a noncurrent version."
  default     = 30
  nullable    = false

  validation {
    condition     = var.upload_noncurrent_version_days >= 1 && var.upload_noncurrent_version_days <= 3650
    error_message = "upload_noncurrent_version_days must be in 1..3650."
  }

  validation {
    condition     = floor(var.upload_noncurrent_version_days) == var.upload_noncurrent_version_days
    error_message = "upload_noncurrent_version_days must be a whole number."
  }
}
