/** Compute tier: the four Fargate services, their security-group flows, roles, secrets and autoscaling. */
import { TerraformStack, Testing } from "cdktf";
import { describe, expect, test } from "vitest";
import { secretLikeName } from "../../src/secrets/secret-shapes";
import { policyDocument } from "../support/policy-document";
import { PanintelligenceStack } from "../../src/stack";
import { FargateService } from "../../src/tiers/compute/fargate-service";
import { IMAGE_DEFAULTS_CONTAINER } from "../../src/tiers/compute/image-defaults";
import { blocks, configFor, ref, resourcesOf, synthEnvironment, type TerraformJson } from "../support/synth";

interface Container {
  name: string;
  image: string;
  portMappings: { name: string; containerPort: number; protocol: string }[];
  environment: { name: string; value: string }[];
  secrets: { name: string; valueFrom: string }[];
  mountPoints: { sourceVolume: string; containerPath: string; readOnly: boolean }[];
  linuxParameters: { initProcessEnabled: boolean };
  stopTimeout: number;
  logConfiguration: { logDriver: string; options: Record<string, string> };
  repositoryCredentials?: { credentialsParameter: string };
}

const ALL = { compute: { pirana: { enabled: true } } };

function taskDefinition(json: TerraformJson, service: string): [string, Record<string, any>] {
  const found = resourcesOf(json, "aws_ecs_task_definition").find(([, td]) => td.family === `pi-test-${service}`);
  if (!found) throw new Error(`no task definition for ${service}`);
  return found;
}
function container(json: TerraformJson, service: string): Container {
  const [, td] = taskDefinition(json, service);
  const containers = policyDocument(td.container_definitions) as unknown as Container[];
  // the service's container, plus the image-defaults init container where EFS folders are mounted
  expect(containers.map((c) => c.name).filter((n) => n !== IMAGE_DEFAULTS_CONTAINER)).toEqual([service]);
  return containers.find((c) => c.name === service)!;
}
function service(json: TerraformJson, name: string): [string, Record<string, any>] {
  const found = resourcesOf(json, "aws_ecs_service").find(([, s]) => s.name === name);
  if (!found) throw new Error(`no service ${name}`);
  return found;
}
function securityGroup(json: TerraformJson, name: string): string {
  const found = resourcesOf(json, "aws_security_group").find(([, sg]) => sg.name === name);
  if (!found) throw new Error(`no security group ${name}`);
  return found[0];
}
const envOf = (c: Container) => Object.fromEntries(c.environment.map((e) => [e.name, e.value]));

describe("task definitions", () => {
  const { json } = synthEnvironment(ALL);
  const services = ["dashboard", "scheduler", "renderer", "pirana"];

  test.each(services)("%s: awsvpc Fargate task with separate execution and task roles", (name) => {
    const [, td] = taskDefinition(json, name);
    expect(td.network_mode).toBe("awsvpc");
    expect(td.requires_compatibilities).toEqual(["FARGATE"]);
    expect(td.execution_role_arn).toMatch(/^\$\{aws_iam_role\.compute_.*execution_role.*\.arn\}$/);
    expect(td.task_role_arn).toMatch(/^\$\{aws_iam_role\.compute_.*task_role.*\.arn\}$/);
    expect(td.execution_role_arn).not.toBe(td.task_role_arn);
    expect(td.pid_mode).toBeUndefined();
    expect(td.ipc_mode).toBeUndefined();
  });

  test.each(services)("%s: init process, a stop timeout for Tomcat to drain, awslogs to its own log group", (name) => {
    const c = container(json, name);
    expect(c.linuxParameters.initProcessEnabled).toBe(true);
    expect(c.stopTimeout).toBe(120);
    expect(c.logConfiguration.logDriver).toBe("awslogs");
    const [logGroupName, logGroup] = resourcesOf(json, "aws_cloudwatch_log_group").find(([, g]) => g.name === `/ecs/pi-test/${name}`)!;
    expect(c.logConfiguration.options["awslogs-group"]).toBe(ref("aws_cloudwatch_log_group", logGroupName, "name"));
    expect(c.logConfiguration.options["awslogs-region"]).toBe("eu-west-2");
    expect(logGroup.retention_in_days).toBe(365);
  });

  test("the vendor's images and ports by default", () => {
    expect(container(json, "dashboard").image).toBe("ghcr.io/pi-cr/server:2025_10.1");
    expect(container(json, "dashboard").portMappings.map((p) => p.containerPort)).toEqual([8224, 28748]);
    expect(container(json, "scheduler").portMappings.map((p) => [p.name, p.containerPort])).toEqual([["scheduler", 9917]]);
    expect(container(json, "renderer").portMappings.map((p) => [p.name, p.containerPort])).toEqual([["renderer", 9915]]);
    expect(container(json, "pirana").image).toBe("ghcr.io/pi-cr/pirana:2025_10.1");
    expect(container(json, "pirana").portMappings.map((p) => [p.name, p.containerPort])).toEqual([["pirana", 9918]]);
  });

  test("no secret-looking name or value in any container environment, even with operator extras", () => {
    const { json: extra } = synthEnvironment({
      compute: {
        pirana: { enabled: true, environment: { TZ: "UTC" } },
        scheduler: { environment: { TZ: "Europe/London" } },
        renderer: { environment: { TZ: "UTC" } },
        dashboard: { environment: { TZ: "UTC" }, embedding: { allowedOrigins: ["https://app.example.com"] } },
      },
    });
    for (const j of [json, extra]) {
      for (const name of services) {
        const c = container(j, name);
        for (const { name: variable, value } of c.environment) {
          expect(secretLikeName(variable), `${name}.${variable}`).toBe(false);
          expect(value, `${name}.${variable}`).not.toMatch(/secretsmanager|master_user_secret|aws_secretsmanager_secret|<Licence/i);
        }
      }
    }
    expect(envOf(container(extra, "dashboard")).PI_TOMCAT_COOKIE_SAMESITE).toBe("None");
    expect(envOf(container(extra, "scheduler")).TZ).toBe("Europe/London");
  });

  test("dashboard: DB credentials from the RDS-managed secret and the licence from its secret, by valueFrom", () => {
    const c = container(json, "dashboard");
    const dbSecret = "${aws_db_instance.database_instance_D7FC2283.master_user_secret[0].secret_arn}";
    const [[licenceName, licence]] = resourcesOf(json, "aws_secretsmanager_secret").filter(([, s]) => String(s.name_prefix).startsWith("pi-test-licence"));
    expect(c.secrets).toEqual([
      { name: "PI_DB_PASSWORD", valueFrom: `${dbSecret}:password::` },
      { name: "PI_DB_USERNAME", valueFrom: `${dbSecret}:username::` },
      { name: "PI_LICENCE", valueFrom: ref("aws_secretsmanager_secret", licenceName, "arn") },
    ]);
    expect(licence.recovery_window_in_days ?? 30).toBeGreaterThanOrEqual(7);
    // The licence secret gets only the placeholder version (first-deploy.test.ts): the operator puts the licence.
    expect(resourcesOf(json, "aws_secretsmanager_secret_version")).toHaveLength(1);
  });

  test("an existing licence secret is used as is and none is created", () => {
    const arn = "arn:aws:secretsmanager:eu-west-2:123456789012:secret:pi/licence-AbCdEf";
    const { json: existing } = synthEnvironment({ compute: { licenceSecretArn: arn } });
    expect(container(existing, "dashboard").secrets.find((s) => s.name === "PI_LICENCE")?.valueFrom).toBe(arn);
    expect(resourcesOf(existing, "aws_secretsmanager_secret").filter(([, s]) => String(s.name_prefix ?? "").includes("licence"))).toEqual([]);
  });

  test("dashboard environment: external DB, derived heap, Secure cookies, proxy settings for the HTTPS load balancer, module URLs", () => {
    expect(envOf(container(json, "dashboard"))).toEqual({
      PI_EXTERNAL_DB: "true",
      PI_DB_HOST: "${tostring(aws_db_instance.database_instance_D7FC2283.address)}",
      PI_DB_PORT: "${tostring(aws_db_instance.database_instance_D7FC2283.port)}",
      PI_DB_SCHEMA_NAME: "dashboard",
      PI_TOMCAT_MAX_MEMORY: "1024",
      PI_TOMCAT_COOKIE_SECURE: "true",
      PI_PROXY_ENABLED: "true",
      PI_PROXY_SCHEME: "https",
      PI_PROXY_HOST: "bi.example.com",
      PI_PROXY_PORT: "443",
      PI_PROXY_IS_SECURE: "true",
      RENDERER_DASHBOARD_URL: "http://dashboard-internal:28748/pi",
      PI_VARIABLE_PAN_RENDERER_URL: "http://renderer:9915",
      PI_VARIABLE_PAN_SCHEDULER_URL: "http://scheduler:9917",
      PI_VARIABLE_ANALYTICS_SERVER_URL: "http://pirana:9918",
    });
  });

  test("the heap follows the task memory unless set", () => {
    const big = synthEnvironment({ compute: { dashboard: { cpu: 2048, memoryMib: 8192 } } }).json;
    expect(envOf(container(big, "dashboard")).PI_TOMCAT_MAX_MEMORY).toBe("6144");
    const set = synthEnvironment({ compute: { dashboard: { tomcatMaxMemoryMb: 1200 } } }).json;
    expect(envOf(container(set, "dashboard")).PI_TOMCAT_MAX_MEMORY).toBe("1200");
  });

  test("scheduler: DB by reference and the dashboard's internal URL; renderer: log levels; pirana: nothing", () => {
    const scheduler = container(json, "scheduler");
    expect(envOf(scheduler).SCHEDULER_DASHBOARD_URL).toBe("http://dashboard-internal:28748/pi");
    expect(scheduler.secrets.map((s) => s.name)).toEqual(["PI_DB_PASSWORD", "PI_DB_USERNAME"]);
    expect(envOf(container(json, "renderer"))).toEqual({ RENDERER_LOG_LEVELS: "info,error,warn" });
    expect(container(json, "renderer").secrets).toEqual([]);
    expect(container(json, "pirana").environment).toEqual([]);
  });

  test("dashboard: every vendor EFS directory through its access point with TLS and IAM; custom JDBC at the image's path", () => {
    const [, td] = taskDefinition(json, "dashboard");
    const volumes = blocks(td.volume);
    expect(volumes.map((v) => v.name)).toEqual(["themes", "images", "files", "svg", "locale", "custom_jdbc", "keys"]);
    for (const v of volumes) {
      const efs = blocks(v.efs_volume_configuration)[0];
      expect(efs.transit_encryption).toBe("ENABLED");
      expect(efs.root_directory).toBeUndefined();
      const auth = blocks(efs.authorization_config)[0];
      expect(auth.iam).toBe("ENABLED");
      expect(auth.access_point_id).toMatch(new RegExp(`^\\$\\{aws_efs_access_point\\.file_storage_access_point_${v.name}_.*\\.id\\}$`));
    }
    const mounts = Object.fromEntries(container(json, "dashboard").mountPoints.map((m) => [m.sourceVolume, m.containerPath]));
    expect(mounts.custom_jdbc).toBe("/var/panintelligence/Dashboard/tomcat/custom_jdbc_drivers");
    expect(mounts.keys).toBe("/var/panintelligence/Dashboard/keys");
    expect(mounts.themes).toBe("/var/panintelligence/Dashboard/tomcat/webapps/panMISDashboardResources/themes");
  });

  test("scheduler mounts only keys/; renderer and pirana mount nothing", () => {
    expect(container(json, "scheduler").mountPoints).toEqual([{ sourceVolume: "keys", containerPath: "/var/panintelligence/Dashboard/keys", readOnly: false }]);
    expect(blocks(taskDefinition(json, "scheduler")[1].volume).map((v) => v.name)).toEqual(["keys"]);
    expect(container(json, "renderer").mountPoints).toEqual([]);
    expect(container(json, "pirana").mountPoints).toEqual([]);
  });

  test("registry credentials, when configured, on every container and readable by every execution role", () => {
    const arn = "arn:aws:secretsmanager:eu-west-2:123456789012:secret:ghcr-AbCdEf";
    const { json: j } = synthEnvironment({ compute: { registryCredentialsSecretArn: arn } });
    for (const name of ["dashboard", "scheduler", "renderer"]) expect(container(j, name).repositoryCredentials).toEqual({ credentialsParameter: arn });
    const renderer = resourcesOf(j, "aws_iam_role_policy").find(([n]) => n.startsWith("compute_renderer_execution_secrets"));
    expect(policyDocument(renderer![1].policy).Statement[0].Resource).toEqual([arn]);
  });
});

describe("roles", () => {
  const { json } = synthEnvironment(ALL);
  const policy = (prefix: string) => resourcesOf(json, "aws_iam_role_policy").find(([n]) => n.startsWith(prefix))?.[1];

  test("execution roles read only the secrets their service uses", () => {
    const dbSecret = "${aws_db_instance.database_instance_D7FC2283.master_user_secret[0].secret_arn}";
    const dashboard = policyDocument(policy("compute_dashboard_execution_secrets")!.policy);
    expect(dashboard.Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue"],
        Resource: [dbSecret, expect.stringMatching(/^\$\{aws_secretsmanager_secret\.compute_licence_.*\.arn\}$/)],
      },
    ]);
    expect(policyDocument(policy("compute_scheduler_execution_secrets")!.policy).Statement[0].Resource).toEqual([dbSecret]);
    expect(policy("compute_renderer_execution_secrets")).toBeUndefined();
    expect(policy("compute_pirana_execution_secrets")).toBeUndefined();
  });

  test("roles are assumable by ECS tasks of this account only", () => {
    const roles = resourcesOf(json, "aws_iam_role").filter(([n]) => n.startsWith("compute_") && !n.startsWith("compute_redeploy"));
    expect(roles.length).toBe(8);
    for (const [, role] of roles) {
      const [statement] = policyDocument(role.assume_role_policy).Statement;
      expect(statement.Principal).toEqual({ Service: "ecs-tasks.amazonaws.com" });
      expect(statement.Condition?.StringEquals).toEqual({ "aws:SourceAccount": "123456789012" });
    }
  });

  test("task roles mount only their access points; no exec permissions unless ECS Exec is on", () => {
    const dashboard = policyDocument(policy("compute_dashboard_task_policy")!.policy);
    expect(dashboard.Statement).toHaveLength(1);
    expect(dashboard.Statement[0].Action).toEqual(["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]);
    expect((dashboard.Statement[0].Condition!.StringEquals["elasticfilesystem:AccessPointArn"] as string[]).length).toBe(7);
    const scheduler = policyDocument(policy("compute_scheduler_task_policy")!.policy);
    expect(scheduler.Statement[0].Condition!.StringEquals["elasticfilesystem:AccessPointArn"]).toEqual([
      expect.stringMatching(/file_storage_access_point_keys_/),
    ]);
    expect(policy("compute_renderer_task_policy")).toBeUndefined();

    const { json: exec } = synthEnvironment({ compute: { enableExecuteCommand: true } });
    const withExec = policyDocument(resourcesOf(exec, "aws_iam_role_policy").find(([n]) => n.startsWith("compute_renderer_task_policy"))![1].policy);
    expect(withExec.Statement.flatMap((s) => s.Action)).toContain("ssmmessages:CreateControlChannel");
    expect(service(exec, "renderer")[1].enable_execute_command).toBe(true);
  });
});

describe("services", () => {
  const { json } = synthEnvironment(ALL);

  test.each(["dashboard", "scheduler", "renderer", "pirana"])(
    "%s: private app subnets, no public IP, platform LATEST, circuit breaker with rollback, desired count left to scaling",
    (name) => {
      const [, s] = service(json, name);
      const net = blocks(s.network_configuration)[0];
      expect(net.assign_public_ip).toBe(false);
      expect(net.subnets).toEqual(json.output?.app_subnet_ids.value);
      expect(s.platform_version).toBe("LATEST");
      expect(s.launch_type).toBeUndefined();
      expect(blocks(s.deployment_circuit_breaker)).toEqual([{ enable: true, rollback: true }]);
      // the scheduler is a singleton nothing autoscales: Terraform keeps its one task (upgrade runbook)
      expect(s.lifecycle.ignore_changes).toEqual(name === "scheduler" ? [] : ["desired_count"]);
      expect(s.wait_for_steady_state).toBe(false);
      expect(s.enable_execute_command).toBe(false);
      expect(s.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_lambda_invocation\.efs_initialiser/)]));
    },
  );

  test("dashboard: behind the target group on 8224 after the listener rule, with a grace period for Tomcat", () => {
    const [, s] = service(json, "dashboard");
    expect(blocks(s.load_balancer)).toEqual([
      { target_group_arn: expect.stringMatching(/^\$\{aws_lb_target_group\.edge_dashboard/), container_name: "dashboard", container_port: 8224 },
    ]);
    expect(s.health_check_grace_period_seconds).toBe(300);
    expect(s.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_lb_listener_rule\.edge_dashboard_rule/)]));
    expect(blocks(s.capacity_provider_strategy)).toEqual([{ capacity_provider: "FARGATE", weight: 1, base: 0 }]);
    // the old version stops before the new one starts: never two versions against one schema
    expect(s.deployment_minimum_healthy_percent).toBe(0);
    expect(s.deployment_maximum_percent).toBe(100);
  });

  test("scheduler: a singleton: one task, FARGATE only, min 0 / max 100 so two never overlap", () => {
    const [, s] = service(json, "scheduler");
    expect(s.desired_count).toBe(1);
    expect(s.deployment_minimum_healthy_percent).toBe(0);
    expect(s.deployment_maximum_percent).toBe(100);
    expect(blocks(s.capacity_provider_strategy)).toEqual([{ capacity_provider: "FARGATE", weight: 1, base: 0 }]);
  });

  test("renderer and pirana may run on FARGATE_SPOT", () => {
    const { json: spot } = synthEnvironment({ compute: { renderer: { spot: true }, pirana: { enabled: true, spot: true } } });
    for (const name of ["renderer", "pirana"]) {
      expect(blocks(service(spot, name)[1].capacity_provider_strategy)).toEqual([{ capacity_provider: "FARGATE_SPOT", weight: 1, base: 0 }]);
    }
    expect(blocks(service(spot, "dashboard")[1].capacity_provider_strategy)[0].capacity_provider).toBe("FARGATE");
  });

  test("Service Connect names: dashboard-internal, scheduler, renderer, pirana (8224 only for the load balancer)", () => {
    const names = (name: string) =>
      blocks(blocks(service(json, name)[1].service_connect_configuration)[0].service).map((s) => [s.discovery_name, blocks(s.client_alias)[0].port]);
    expect(names("dashboard")).toEqual([["dashboard-internal", 28748]]);
    expect(names("scheduler")).toEqual([["scheduler", 9917]]);
    expect(names("renderer")).toEqual([["renderer", 9915]]);
    expect(names("pirana")).toEqual([["pirana", 9918]]);
    const [[namespaceName]] = resourcesOf(json, "aws_service_discovery_http_namespace");
    expect(blocks(service(json, "renderer")[1].service_connect_configuration)[0].namespace).toBe(
      ref("aws_service_discovery_http_namespace", namespaceName, "arn"),
    );
  });

  test("wait_for_steady_state and the pipeline mode come from config", () => {
    const { json: j } = synthEnvironment({ compute: { waitForSteadyState: true, imageOwner: "pipeline" } });
    const [, s] = service(j, "dashboard");
    expect(s.wait_for_steady_state).toBe(true);
    expect(s.lifecycle.ignore_changes).toEqual(["desired_count", "task_definition"]);
  });

  test("switched-off services are not created", () => {
    const { json: j } = synthEnvironment({ compute: { scheduler: { enabled: false }, renderer: { enabled: false } } });
    expect(resourcesOf(j, "aws_ecs_service").map(([, s]) => s.name)).toEqual(["dashboard"]);
    const env = envOf(container(j, "dashboard"));
    expect(env.RENDERER_DASHBOARD_URL).toBeUndefined();
    expect(env.PI_VARIABLE_PAN_SCHEDULER_URL).toBeUndefined();
  });
});

describe("security groups: exactly the needed flows", () => {
  const { json } = synthEnvironment(ALL);
  const sg = (name: string) => ref("aws_security_group", securityGroup(json, name), "id");
  const rules = (type: string, groupName: string) =>
    resourcesOf(json, type)
      .filter(([, r]) => r.security_group_id === sg(groupName))
      .map(([, r]) => `${r.ip_protocol}:${r.from_port}:${r.cidr_ipv4 ?? r.referenced_security_group_id}`)
      .sort();
  const ingress = (name: string) => rules("aws_vpc_security_group_ingress_rule", name);
  const egress = (name: string) => rules("aws_vpc_security_group_egress_rule", name);
  const db = () => ref("aws_security_group", resourcesOf(json, "aws_security_group").find(([, g]) => g.name === "pi-test-db")![0], "id");
  const efs = () => ref("aws_security_group", resourcesOf(json, "aws_security_group").find(([, g]) => g.name === "pi-test-efs")![0], "id");
  const alb = () => ref("aws_security_group", resourcesOf(json, "aws_security_group").find(([, g]) => g.name === "pi-test-alb")![0], "id");

  test("dashboard: in from the load balancer (8224), the renderer and scheduler (28748); out to HTTPS, DB, EFS and the three services", () => {
    expect(ingress("pi-test-dashboard")).toEqual([`tcp:8224:${alb()}`, `tcp:28748:${sg("pi-test-renderer")}`, `tcp:28748:${sg("pi-test-scheduler")}`].sort());
    expect(egress("pi-test-dashboard")).toEqual(
      [
        "tcp:443:0.0.0.0/0",
        `tcp:\${aws_db_instance.database_instance_D7FC2283.port}:${db()}`,
        `tcp:2049:${efs()}`,
        `tcp:9915:${sg("pi-test-renderer")}`,
        `tcp:9917:${sg("pi-test-scheduler")}`,
        `tcp:9918:${sg("pi-test-pirana")}`,
      ].sort(),
    );
  });

  test("scheduler: in from the dashboard only; out to HTTPS, DB, EFS and the dashboard's internal port", () => {
    expect(ingress("pi-test-scheduler")).toEqual([`tcp:9917:${sg("pi-test-dashboard")}`]);
    expect(egress("pi-test-scheduler")).toEqual(
      [
        "tcp:443:0.0.0.0/0",
        `tcp:\${aws_db_instance.database_instance_D7FC2283.port}:${db()}`,
        `tcp:2049:${efs()}`,
        `tcp:28748:${sg("pi-test-dashboard")}`,
      ].sort(),
    );
  });

  test("renderer: in from the dashboard; out to HTTPS and the dashboard's internal port. Pirana: in from the dashboard, out HTTPS", () => {
    expect(ingress("pi-test-renderer")).toEqual([`tcp:9915:${sg("pi-test-dashboard")}`]);
    expect(egress("pi-test-renderer")).toEqual(["tcp:443:0.0.0.0/0", `tcp:28748:${sg("pi-test-dashboard")}`].sort());
    expect(ingress("pi-test-pirana")).toEqual([`tcp:9918:${sg("pi-test-dashboard")}`]);
    expect(egress("pi-test-pirana")).toEqual(["tcp:443:0.0.0.0/0"]);
  });

  test("the database and EFS admit the dashboard and scheduler only (among the services)", () => {
    const from = (groupRef: string) =>
      resourcesOf(json, "aws_vpc_security_group_ingress_rule")
        .filter(([, r]) => r.security_group_id === groupRef)
        .map(([, r]) => r.referenced_security_group_id);
    for (const target of [db(), efs()]) {
      expect(from(target)).toEqual(expect.arrayContaining([sg("pi-test-dashboard"), sg("pi-test-scheduler")]));
      expect(from(target)).not.toContain(sg("pi-test-renderer"));
      expect(from(target)).not.toContain(sg("pi-test-pirana"));
    }
  });

  test("with interface endpoints every task also carries the endpoint-client group", () => {
    const { json: j } = synthEnvironment({ network: { mode: "create", endpoints: { interface: ["ecr.api", "ecr.dkr", "logs", "secretsmanager"] } } });
    const client = resourcesOf(j, "aws_security_group").find(([, g]) => String(g.name).includes("endpoint-client"));
    expect(client).toBeDefined();
    for (const name of ["dashboard", "scheduler", "renderer"]) {
      expect(blocks(service(j, name)[1].network_configuration)[0].security_groups).toContain(ref("aws_security_group", client![0], "id"));
    }
    expect(blocks(service(json, "dashboard")[1].network_configuration)[0].security_groups).toHaveLength(1);
  });
});

describe("autoscaling", () => {
  const targets = (json: TerraformJson) => resourcesOf(json, "aws_appautoscaling_target").map(([, t]) => t);
  const policies = (json: TerraformJson) => resourcesOf(json, "aws_appautoscaling_policy").map(([, p]) => p);

  test("the dashboard tracks CPU at 70 % (vendor default 1/1) with a long scale-in cooldown; never memory", () => {
    const { json } = synthEnvironment();
    expect(targets(json)).toHaveLength(1);
    expect(targets(json)[0]).toMatchObject({ min_capacity: 1, max_capacity: 1, scalable_dimension: "ecs:service:DesiredCount", service_namespace: "ecs" });
    expect(targets(json)[0].resource_id).toMatch(/^service\/\$\{aws_ecs_cluster\..*\.name\}\/\$\{aws_ecs_service\.compute_dashboard_service_.*\.name\}$/);
    const [cpu] = policies(json);
    const config = blocks(cpu.target_tracking_scaling_policy_configuration)[0];
    expect(config.target_value).toBe(70);
    expect(config.scale_in_cooldown).toBe(900);
    expect(blocks(config.predefined_metric_specification)[0].predefined_metric_type).toBe("ECSServiceAverageCPUUtilization");
  });

  test("no policy anywhere scales on memory", () => {
    const { json } = synthEnvironment({ compute: { dashboard: { scaling: { max: 4, requestsPerTarget: 500 } }, renderer: { scaling: { max: 3 } } } });
    for (const p of policies(json)) {
      const metric = blocks(blocks(p.target_tracking_scaling_policy_configuration)[0].predefined_metric_specification)[0].predefined_metric_type;
      expect(metric).not.toMatch(/Memory/);
    }
  });

  test("the scheduler is never in an autoscaling target, whatever else scales", () => {
    const { json } = synthEnvironment({
      compute: { dashboard: { scaling: { min: 2, max: 4 } }, renderer: { scaling: { max: 3 } }, pirana: { enabled: true, scaling: { max: 2 } } },
    });
    const ids = targets(json).map((t) => String(t.resource_id));
    expect(ids).toHaveLength(3);
    expect(ids.some((id) => id.includes("scheduler"))).toBe(false);
  });

  test("optional ALB requests per target, with the edge's resource label", () => {
    const { json } = synthEnvironment({ compute: { dashboard: { scaling: { max: 3, requestsPerTarget: 800 } } } });
    const requests = policies(json).find((p) => String(p.name).endsWith("-requests"))!;
    const spec = blocks(blocks(requests.target_tracking_scaling_policy_configuration)[0].predefined_metric_specification)[0];
    expect(spec.predefined_metric_type).toBe("ALBRequestCountPerTarget");
    expect(spec.resource_label).toMatch(/^\$\{aws_lb\.edge_alb_.*\.arn_suffix\}\/\$\{aws_lb_target_group\.edge_dashboard_.*\.arn_suffix\}$/);
  });

  test("optional office-hours schedule raises min/max in the day and restores them after", () => {
    const { json } = synthEnvironment({
      compute: { dashboard: { scaling: { min: 1, max: 2, officeHours: { timezone: "Europe/London", min: 2, max: 4 } } } },
    });
    const actions = resourcesOf(json, "aws_appautoscaling_scheduled_action")
      .map(([, a]) => a)
      .sort((a, b) => String(b.name).localeCompare(String(a.name)));
    expect(actions.map((a) => [a.schedule, a.timezone, blocks(a.scalable_target_action)[0]])).toEqual([
      ["cron(0 7 ? * MON-FRI *)", "Europe/London", { min_capacity: "2", max_capacity: "4" }],
      ["cron(0 19 ? * MON-FRI *)", "Europe/London", { min_capacity: "1", max_capacity: "2" }],
    ]);
  });

  test("stickiness is forced on the target group when the dashboard may run more than one task", () => {
    const stickiness = (json: TerraformJson) => blocks(resourcesOf(json, "aws_lb_target_group")[0][1].stickiness)[0];
    const off = { edge: { domainName: "bi.example.com", hostedZoneId: "Z0123456789EXAMPLE00", stickiness: { enabled: false } } };
    expect(stickiness(synthEnvironment(off).json)?.enabled ?? false).toBe(false);
    // Bypass preflight (which refuses this config) to show the compute tier itself turns it on.
    const config = configFor(off);
    const forced = {
      ...config,
      compute: { ...config.compute, dashboard: { ...config.compute.dashboard, scaling: { ...config.compute.dashboard.scaling, max: 4 } } },
    };
    const json = JSON.parse(Testing.synth(new PanintelligenceStack(Testing.app(), "forced", { config: forced }))) as TerraformJson;
    expect(stickiness(json)).toMatchObject({ type: "lb_cookie", enabled: true });
  });
});

describe("rotation-aware redeploys", () => {
  const { json } = synthEnvironment();
  const rule = (name: string) => resourcesOf(json, "aws_cloudwatch_event_rule").find(([, r]) => r.name === name)!;
  const targetsOf = (ruleName: string) =>
    resourcesOf(json, "aws_cloudwatch_event_target")
      .filter(([, t]) => t.rule === ref("aws_cloudwatch_event_rule", ruleName, "name"))
      .map(([, t]) => t);
  const servicesOf = (ruleName: string) => targetsOf(ruleName).map((t) => (policyDocument(t.input) as any).Service[0]);

  test("a DB password rotation redeploys the dashboard and scheduler; only RotationSucceeded (not the pending PutSecretValue)", () => {
    const [name, r] = rule("pi-test-db-changed");
    const pattern = policyDocument(r.event_pattern) as any;
    expect(pattern.source).toEqual(["aws.secretsmanager"]);
    expect(pattern.detail.eventName).toEqual(["RotationSucceeded"]);
    const dbSecret = "${aws_db_instance.database_instance_D7FC2283.master_user_secret[0].secret_arn}";
    expect(pattern.detail.$or).toEqual([{ responseElements: { arn: [dbSecret] } }, { additionalEventData: { SecretId: [dbSecret] } }]);
    expect(servicesOf(name)).toEqual(["dashboard", "scheduler"]);
  });

  test("a new licence value redeploys the dashboard only", () => {
    const [name, r] = rule("pi-test-licence-changed");
    expect((policyDocument(r.event_pattern) as any).detail.eventName).toEqual(["PutSecretValue", "UpdateSecret", "RotationSucceeded"]);
    expect(servicesOf(name)).toEqual(["dashboard"]);
    const [target] = targetsOf(name);
    expect(target.arn).toBe("arn:aws:ssm:eu-west-2:123456789012:automation-definition/pi-test-redeploy");
    expect((policyDocument(target.input) as any).Cluster).toEqual(["pi-test"]);
  });

  test("the runbook forces a new deployment, running as a role that may update only these services (and the first-start redeploys)", () => {
    const [[, document]] = resourcesOf(json, "aws_ssm_document");
    expect(document.document_type).toBe("Automation");
    const content = policyDocument(document.content) as any;
    expect(content.mainSteps[0]).toMatchObject({ action: "aws:executeAwsApi", inputs: { Service: "ecs", Api: "UpdateService", forceNewDeployment: true } });
    const policy = policyDocument(resourcesOf(json, "aws_iam_role_policy").find(([n]) => n.startsWith("compute_redeploy_automation_policy"))![1].policy);
    expect(policy.Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["ecs:UpdateService"],
        Resource: ["dashboard", "renderer", "scheduler"].map((s) => `arn:aws:ecs:eu-west-2:123456789012:service/pi-test/${s}`),
      },
    ]);
    const events = policyDocument(resourcesOf(json, "aws_iam_role_policy").find(([n]) => n.startsWith("compute_redeploy_events_policy"))![1].policy);
    expect(events.Statement[1]).toMatchObject({ Action: ["iam:PassRole"], Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } } });
  });
});

describe("FargateService guard", () => {
  test("refuses a secret-looking name in the plain environment, whatever the caller", () => {
    const stack = new TerraformStack(Testing.app(), "guard");
    const props = {
      prefix: "pi-test",
      name: "probe",
      region: "eu-west-2",
      accountId: "123456789012",
      clusterArn: "arn:aws:ecs:eu-west-2:123456789012:cluster/pi-test",
      namespaceArn: "arn:aws:servicediscovery:eu-west-2:123456789012:namespace/ns-x",
      vpcId: "vpc-0123456789abcdef0",
      subnetIds: ["subnet-00000000000000001"],
      image: "ghcr.io/pi-cr/renderer:2025_10.1",
      cpu: 256,
      memoryMib: 512,
      ports: [{ name: "probe", port: 9999 }],
      capacityProvider: "FARGATE" as const,
      desiredCount: 1,
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      waitForSteadyState: false,
      enableExecuteCommand: false,
      execLogGroupName: "/ecs/pi-test/exec",
      ignoreTaskDefinitionChanges: false,
      stopTimeoutSeconds: 120,
      logRetentionDays: 30,
    };
    expect(() => new FargateService(stack, "leaky", { ...props, environment: { PI_DB_PASSWORD: "x", TZ: "UTC" } })).toThrow(/PI_DB_PASSWORD look like secrets/);
    expect(() => new FargateService(stack, "clean", { ...props, environment: { TZ: "UTC" } })).not.toThrow();
  });
});
