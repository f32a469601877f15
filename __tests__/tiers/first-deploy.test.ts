/**
 * The first deploy starts a working dashboard, and later deploys are safe: the licence placeholder, image access,
 * the image's defaults on every mounted EFS folder, deployment alarms with rollback, one version at a time against
 * the schema and the pre-upgrade snapshot. On the synthesised JSON, and on the published module where it has them.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "@cdktf/hcl2json";
import { describe, expect, test } from "vitest";
import { loadConfig } from "../../src/config/load";
import { checkImages } from "../../src/config/preflight-images";
import { secretShapeOf } from "../../src/secrets/secret-shapes";
import { DASHBOARD_MOUNT_PATHS } from "../../src/tiers/compute/compute";
import { IMAGE_DEFAULTS_CONTAINER, IMAGE_DEFAULTS_ROOT, imageDefaultsScript } from "../../src/tiers/compute/image-defaults";
import { LICENCE_PLACEHOLDER } from "../../src/secrets/licence-placeholder";
import { LICENCE_PLACEHOLDER_STAGE } from "../../src/tiers/compute/licence-secret";
import { preUpgradeSnapshotName } from "../../src/tiers/compute/pre-upgrade-snapshot";
import { policyDocument } from "../support/policy-document";
import { BASE_ENVIRONMENT, blocks, configFor, resourcesOf, synthEnvironment, type TerraformJson } from "../support/synth";

type Container = Record<string, any>;
const root = join(__dirname, "..", "..");

function service(json: TerraformJson, name: string): [string, Record<string, any>] {
  const found = resourcesOf(json, "aws_ecs_service").find(([, s]) => s.name === name);
  if (!found) throw new Error(`no service ${name}`);
  return found;
}
function containers(json: TerraformJson, name: string): Container[] {
  const found = resourcesOf(json, "aws_ecs_task_definition").find(([, td]) => td.family === `pi-test-${name}`);
  if (!found) throw new Error(`no task definition ${name}`);
  return policyDocument(found[1].container_definitions) as unknown as Container[];
}

const { json } = synthEnvironment({ compute: { pirana: { enabled: true } } });

describe("licence: the first apply starts the dashboard whatever was done about the licence", () => {
  test("a created licence secret gets one placeholder version, current and pinned, that Terraform never rewrites", () => {
    const [[secretName]] = resourcesOf(json, "aws_secretsmanager_secret").filter(([, s]) => String(s.name_prefix).startsWith("pi-test-licence"));
    const versions = resourcesOf(json, "aws_secretsmanager_secret_version");
    expect(versions).toHaveLength(1);
    const [versionName, version] = versions[0];
    expect(version.secret_id).toBe(`\${aws_secretsmanager_secret.${secretName}.id}`);
    expect(version.secret_string).toBe(LICENCE_PLACEHOLDER);
    expect(version.version_stages).toEqual(["AWSCURRENT", LICENCE_PLACEHOLDER_STAGE]);
    expect(version.lifecycle.ignore_changes).toEqual(["secret_string", "version_stages"]);
    // the dashboard starts only once the secret has a current value
    expect(service(json, "dashboard")[1].depends_on).toContain(`aws_secretsmanager_secret_version.${versionName}`);
  });

  test("the placeholder is one line, names the runbook, and is no secret shape", () => {
    expect(LICENCE_PLACEHOLDER).not.toMatch(/[\r\n]/);
    expect(LICENCE_PLACEHOLDER).toContain("docs/runbooks/licence.md");
    expect(secretShapeOf(LICENCE_PLACEHOLDER)).toBeUndefined();
    expect(readFileSync(join(root, "docs", "runbooks", "licence.md"), "utf8")).toContain("NO-LICENCE-YET");
  });

  test("putting the licence redeploys the dashboard (the rule watches PutSecretValue on that secret)", () => {
    const rule = resourcesOf(json, "aws_cloudwatch_event_rule").find(([, r]) => r.name === "pi-test-licence-changed");
    expect(rule).toBeDefined();
    expect((policyDocument(rule![1].event_pattern) as any).detail.eventName).toContain("PutSecretValue");
  });

  test("an existing licence secret gets no version: its value is the operator's", () => {
    const { json: existing } = synthEnvironment({ compute: { licenceSecretArn: "arn:aws:secretsmanager:eu-west-2:123456789012:secret:pi/licence-AbCdEf" } });
    expect(resourcesOf(existing, "aws_secretsmanager_secret_version")).toEqual([]);
  });
});

describe("images: ghcr.io needs registry credentials, or an ECR repository, or images.public", () => {
  const document = (compute: Record<string, unknown>) => ({ environments: { production: { ...BASE_ENVIRONMENT, compute } } });
  const paths = (compute: Record<string, unknown>) => {
    const loaded = loadConfig(document(compute));
    return loaded.ok ? [] : loaded.issues.map((i) => i.path);
  };

  test("the vendor's defaults without credentials fail preflight, once per running service, naming the fixes", () => {
    expect(paths({})).toEqual(["dashboard", "scheduler", "renderer"].map((s) => `environments.production.compute.${s}.repository`));
    expect(paths({ pirana: { enabled: true }, renderer: { enabled: false } })).toEqual(
      ["dashboard", "scheduler", "pirana"].map((s) => `environments.production.compute.${s}.repository`),
    );
    const loaded = loadConfig(document({}));
    const [issue] = loaded.ok ? [] : loaded.issues;
    expect(issue.message).toMatch(/CannotPullContainerError/);
    expect(issue.message).toMatch(/compute\.registryCredentialsSecretArn/);
    expect(issue.message).toMatch(/docs\/runbooks\/ecr-mirror\.md/);
    expect(issue.message).toMatch(/compute\.images\.public: true/);
    expect(issue.value).toBe("ghcr.io/pi-cr/server");
    // the check itself reads only the compute section
    expect(checkImages({ compute: { ...configFor({}).compute, images: { public: false } } }).map((i) => i.path)).toEqual(
      ["dashboard", "scheduler", "renderer"].map((s) => `compute.${s}.repository`),
    );
  });

  test("credentials, ECR repositories or images.public lift it", () => {
    expect(paths({ registryCredentialsSecretArn: "arn:aws:secretsmanager:eu-west-2:123456789012:secret:pi/ghcr-AbCdEf" })).toEqual([]);
    expect(paths({ images: { public: true } })).toEqual([]);
    const ecr = (image: string) => ({ repository: `123456789012.dkr.ecr.eu-west-2.amazonaws.com/panintelligence/${image}` });
    expect(paths({ dashboard: ecr("server"), scheduler: ecr("scheduler"), renderer: ecr("renderer") })).toEqual([]);
    // one service left on ghcr.io is still refused
    expect(paths({ dashboard: ecr("server"), scheduler: ecr("scheduler") })).toEqual(["environments.production.compute.renderer.repository"]);
  });

  test("both routes are shown in an example: GHCR credentials in production, ECR repositories in two-environments", () => {
    const production = readFileSync(join(root, "examples", "production.yaml"), "utf8");
    const two = readFileSync(join(root, "examples", "two-environments.yaml"), "utf8");
    expect(production).toMatch(/registryCredentialsSecretArn: arn:aws:secretsmanager:/);
    expect(two).toMatch(/repository: \d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\/panintelligence\/server/);
    const runbook = readFileSync(join(root, "docs", "runbooks", "ecr-mirror.md"), "utf8");
    for (const image of ["server", "scheduler", "renderer", "pirana"]) expect(runbook).toContain(image);
    expect(runbook).toMatch(/aws ecr create-repository/);
  });
});

describe("shared folders: every mounted folder gets the image's defaults before the service starts", () => {
  test("the dashboard runs an init container from its own image over every mounted folder but keys/, and waits for it", () => {
    const [main, init, ...rest] = containers(json, "dashboard");
    expect(rest).toEqual([]);
    expect(init.name).toBe(IMAGE_DEFAULTS_CONTAINER);
    expect(init.image).toBe(main.image);
    expect(init.essential).toBe(false);
    expect(init.entryPoint).toEqual(["/bin/sh", "-c"]);
    expect(init.environment ?? []).toEqual([]);
    expect(init.secrets ?? []).toEqual([]);
    expect(init.portMappings ?? []).toEqual([]);
    const filled = Object.keys(DASHBOARD_MOUNT_PATHS).filter((d) => d !== "keys");
    expect(init.mountPoints).toEqual(filled.map((d) => ({ sourceVolume: d, containerPath: `${IMAGE_DEFAULTS_ROOT}/${d}`, readOnly: false })));
    for (const d of filled)
      expect(init.command[0]).toContain(
        `copy_missing ${DASHBOARD_MOUNT_PATHS[d as keyof typeof DASHBOARD_MOUNT_PATHS]} ${IMAGE_DEFAULTS_ROOT}/${d}\n`.trimEnd(),
      );
    expect(init.command[0]).not.toContain("/keys");
    expect(init.logConfiguration.options["awslogs-stream-prefix"]).toBe(IMAGE_DEFAULTS_CONTAINER);
    expect(main.dependsOn).toEqual([{ containerName: IMAGE_DEFAULTS_CONTAINER, condition: "SUCCESS" }]);
  });

  test("services with no folder to fill run no init container (scheduler: keys/ only; renderer, pirana: none)", () => {
    for (const name of ["scheduler", "renderer", "pirana"]) {
      const all = containers(json, name);
      expect(all.map((c) => c.name)).toEqual([name]);
      expect(all[0].dependsOn).toBeUndefined();
    }
  });

  test("the script copies what is missing, never overwrites, keeps names with spaces, and is idempotent", () => {
    const dir = mkdtempSync(join(tmpdir(), "pi-image-defaults-"));
    try {
      const image = join(dir, "image");
      const efs = join(dir, "efs");
      mkdirSync(join(image, "themes", "piBerry Wider Tables"), { recursive: true });
      mkdirSync(join(image, "locale"), { recursive: true });
      mkdirSync(join(efs, "themes"), { recursive: true });
      mkdirSync(join(efs, "locale"), { recursive: true });
      mkdirSync(join(efs, "svg"), { recursive: true });
      writeFileSync(join(image, "themes", "piBerry Wider Tables", "a b.css"), "image");
      writeFileSync(join(image, "themes", "*"), "a literal star");
      writeFileSync(join(image, "locale", "messages.properties"), "image");
      writeFileSync(join(efs, "locale", "messages.properties"), "operator's");
      const script = imageDefaultsScript([
        { volume: "themes", containerPath: join(image, "themes"), accessPoint: { id: "", arn: "", path: "" } },
        { volume: "locale", containerPath: join(image, "locale"), accessPoint: { id: "", arn: "", path: "" } },
        { volume: "svg", containerPath: join(image, "svg"), accessPoint: { id: "", arn: "", path: "" } },
      ]).replaceAll(IMAGE_DEFAULTS_ROOT, efs);
      // what cdktf writes into HCL unescaped must not appear (double quote, backslash, template start)
      expect(script).not.toMatch(/["\\]|\$\{|%\{/);
      const run = () => execFileSync("sh", ["-c", script], { encoding: "utf8" });
      expect(run()).toContain(`efs-defaults: the image has no ${join(image, "svg")}`);
      expect(readFileSync(join(efs, "themes", "piBerry Wider Tables", "a b.css"), "utf8")).toBe("image");
      expect(readFileSync(join(efs, "themes", "*"), "utf8")).toBe("a literal star");
      expect(readFileSync(join(efs, "locale", "messages.properties"), "utf8")).toBe("operator's");
      expect(statSync(join(efs, "themes", "piBerry Wider Tables", "a b.css")).mode & 0o777).toBe(0o644);
      writeFileSync(join(efs, "themes", "piBerry Wider Tables", "a b.css"), "changed by the operator");
      run();
      expect(readFileSync(join(efs, "themes", "piBerry Wider Tables", "a b.css"), "utf8")).toBe("changed by the operator");
      expect(existsSync(join(efs, "themes", "piBerry Wider Tables", "a b.css.efs-defaults-tmp"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a failed copy fails the init container, so the service does not start on half-filled folders", () => {
    const dir = mkdtempSync(join(tmpdir(), "pi-image-defaults-"));
    try {
      mkdirSync(join(dir, "image", "themes"), { recursive: true });
      writeFileSync(join(dir, "image", "themes", "a.css"), "image");
      // the destination is a file, not a directory: every copy into it fails
      writeFileSync(join(dir, "efs-themes"), "");
      const script = imageDefaultsScript([
        { volume: "themes", containerPath: join(dir, "image", "themes"), accessPoint: { id: "", arn: "", path: "" } },
      ]).replaceAll(`${IMAGE_DEFAULTS_ROOT}/themes`, join(dir, "efs-themes"));
      expect(() => execFileSync("sh", ["-c", script], { stdio: "pipe" })).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("deploy safety", () => {
  test("the dashboard's deployment is watched by two alarms on its target group and rolls back when one fires", () => {
    const alarms = resourcesOf(json, "aws_cloudwatch_metric_alarm").filter(([name]) => name.startsWith("compute_deployment_alarms"));
    expect(alarms.map(([, a]) => a.alarm_name).sort()).toEqual(["pi-test-dashboard-deploy-5xx", "pi-test-dashboard-deploy-unhealthy"]);
    const block = blocks(service(json, "dashboard")[1].alarms)[0];
    expect(block.enable).toBe(true);
    expect(block.rollback).toBe(true);
    expect([...block.alarm_names].sort()).toEqual(alarms.map(([name]) => `\${aws_cloudwatch_metric_alarm.${name}.alarm_name}`).sort());
    // the targets' own 5xx only: the load balancer's 503 while the old version is stopped must not roll back an upgrade
    const metrics = JSON.stringify(alarms.map(([, a]) => a));
    expect(metrics).toContain("HTTPCode_Target_5XX_Count");
    expect(metrics).toContain("UnHealthyHostCount");
    expect(metrics).not.toContain("HTTPCode_ELB_5XX_Count");
    for (const [, a] of alarms) expect(JSON.stringify(a)).toContain("TargetGroup");
  });

  test("switched off, the dashboard's alarms block stays with its names, disabled; services without alarms have no block", () => {
    const { json: off } = synthEnvironment({ compute: { dashboard: { deploymentAlarms: false } } });
    const alarms = resourcesOf(off, "aws_cloudwatch_metric_alarm").filter(([name]) => name.startsWith("compute_deployment_alarms"));
    expect(alarms).toHaveLength(2);
    const [block] = blocks(service(off, "dashboard")[1].alarms);
    expect(block).toMatchObject({ enable: false, rollback: false });
    expect([...block.alarm_names].sort()).toEqual(alarms.map(([name]) => `\${aws_cloudwatch_metric_alarm.${name}.alarm_name}`).sort());
    // the provider refuses an empty alarm_names before it calls AWS: no block rather than an empty one
    for (const name of ["scheduler", "renderer", "pirana"]) expect(service(json, name)[1].alarms).toBeUndefined();
  });

  test("never two dashboard versions against one schema: min 0 / max 100 %; the scheduler rolls only after the dashboard", () => {
    const [dashboardName, dashboard] = service(json, "dashboard");
    expect(dashboard.deployment_minimum_healthy_percent).toBe(0);
    expect(dashboard.deployment_maximum_percent).toBe(100);
    const [, scheduler] = service(json, "scheduler");
    expect(scheduler.deployment_minimum_healthy_percent).toBe(0);
    expect(scheduler.deployment_maximum_percent).toBe(100);
    expect(scheduler.depends_on).toContain(`aws_ecs_service.${dashboardName}`);
    // Terraform keeps the scheduler's one task: stopped for an upgrade (runbook), the apply starts it after the dashboard
    expect(scheduler.desired_count).toBe(1);
    expect(scheduler.lifecycle.ignore_changes).not.toContain("desired_count");
  });

  test("a pre-upgrade snapshot named after the version is taken before the dashboard and scheduler roll", () => {
    const [[snapshotName, snapshot]] = resourcesOf(json, "aws_db_snapshot");
    expect(snapshot.db_instance_identifier).toBe("pi-test-db");
    expect(snapshot.db_snapshot_identifier).toBe("pi-test-pre-2025-10-1");
    expect(snapshot.lifecycle).toEqual({ create_before_destroy: true });
    // the identifier is a plain name: the order after the instance (and before it on destroy) is explicit
    expect(snapshot.depends_on).toEqual([expect.stringMatching(/^aws_db_instance\.database_instance/)]);
    for (const name of ["dashboard", "scheduler"]) expect(service(json, name)[1].depends_on).toContain(`aws_db_snapshot.${snapshotName}`);
    const { json: next } = synthEnvironment({ compute: { dashboard: { tag: "2026_01" } } });
    expect(resourcesOf(next, "aws_db_snapshot")[0][1].db_snapshot_identifier).toBe("pi-test-pre-2026-01");
    expect(preUpgradeSnapshotName("pi-prod", "2025_10.1-")).toBe("pi-prod-pre-2025-10-1");
  });

  test("the upgrade runbook is commands: stop the scheduler, wait, apply, check", () => {
    const runbook = readFileSync(join(root, "docs", "runbooks", "upgrade.md"), "utf8");
    expect(runbook).toMatch(/aws ecs update-service --cluster "\$PREFIX" --service scheduler --desired-count 0/);
    expect(runbook).toMatch(/aws ecs wait services-stable/);
    expect(runbook).toMatch(/terraform -chdir=.* apply/);
    expect(runbook).toMatch(/aws rds describe-db-snapshots/);
  });
});

describe("first deploy checklist", () => {
  test("says what must exist before apply, what apply creates and how to check https://<domain>/pi", () => {
    const doc = readFileSync(join(root, "docs", "first-deploy.md"), "utf8");
    for (const needed of ["hostedZoneId", "licence", "registryCredentialsSecretArn", "ecr-mirror.md", "/pi/version", "curl"]) expect(doc).toContain(needed);
  });
});

describe("the published module has the same safety", () => {
  test("placeholder licence, init container, deployment alarms with rollback, pre-upgrade snapshot, ghcr.io refused", async () => {
    const file = join(root, "terraform-modules", "panintelligence", "main.tf");
    const text = readFileSync(file, "utf8");
    const main = (await parse(file, text)) as Record<string, any>;
    const resource = main.resource;
    const [placeholder] = resource.aws_secretsmanager_secret_version.compute_licence_placeholder;
    expect(placeholder.secret_string).toBe(LICENCE_PLACEHOLDER);
    expect(placeholder.lifecycle[0].ignore_changes).toEqual(["${secret_string}", "${version_stages}"].map((s) => s));
    const [dashboard] = resource.aws_ecs_service.compute_dashboard_service;
    expect(dashboard.alarms[0].enable).toBe(true);
    expect(dashboard.alarms[0].rollback).toBe(true);
    expect(dashboard.deployment_minimum_healthy_percent).toBe(0);
    expect(dashboard.depends_on.join(" ")).toContain("aws_db_snapshot.compute_pre_upgrade_snapshot");
    const [scheduler] = resource.aws_ecs_service.compute_scheduler_service;
    expect(scheduler.alarms).toBeUndefined();
    expect(scheduler.depends_on.join(" ")).toContain("aws_ecs_service.compute_dashboard_service");
    const [snapshot] = resource.aws_db_snapshot.compute_pre_upgrade_snapshot;
    expect(snapshot.db_snapshot_identifier).toContain("var.dashboard_image_tag");
    expect(resource.aws_ecs_task_definition.compute_dashboard_task_definition[0].container_definitions).toContain(`"name" = "${IMAGE_DEFAULTS_CONTAINER}"`);
    const variables = readFileSync(join(root, "terraform-modules", "panintelligence", "variables.tf"), "utf8");
    expect(variables).toContain('!startswith(var.dashboard_image_repository, "ghcr.io/")');
    expect(variables).toContain('!var.enable_renderer || !startswith(var.renderer_image_repository, "ghcr.io/")');
  });
});
