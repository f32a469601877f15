/**
 * The compute tier's settings: the ECS cluster and the four Panintelligence services (dashboard required; scheduler,
 * renderer and pirana optional), their images, Fargate sizes, deployments and autoscaling. Vendor facts:
 * the team's vendor notes (shared/reference/panintelligence.md §1, §3, §8).
 */
import { z } from "zod";
import { dataSourcesSchema, embeddingSchema, extraEnvironment, serviceConnectSchema, smtpSchema } from "./runtime";

/**
 * Fargate's valid task sizes: memory (MiB) allowed for each CPU value (units). From the ECS developer guide
 * ("Task CPU and memory"), Linux tasks.
 */
export const FARGATE_SIZES: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};
export const FARGATE_CPUS = Object.keys(FARGATE_SIZES).map(Number);

function range(from: number, to: number, step: number): number[] {
  return Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
}

/** The vendor's image registry; images are `<registry>/<service image>:<tag>`. */
export const VENDOR_REGISTRY = "ghcr.io/pi-cr";
/** The vendor's current tag for all four images (PiM at 5b7fa55). */
export const DEFAULT_IMAGE_TAG = "2025_10.1";

const secretArn = z.string().regex(/^arn:aws(-cn|-us-gov)?:secretsmanager:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:secret:[\w/+=.@-]+$/, {
  error: "must be a Secrets Manager secret ARN such as arn:aws:secretsmanager:eu-west-2:123456789012:secret:name-AbCdEf",
});

const imageTag = z.string().regex(/^[\w][\w.-]{0,127}$/, { error: "must be an image tag such as 2025_10.1 (letters, digits, _ . -)" });
const repository = z.string().regex(/^[a-z0-9]+([._-][a-z0-9]+)*(:\d+)?(\/[a-z0-9]+([._/-][a-z0-9]+)*)*$/, {
  error: "must be an image repository without tag, such as ghcr.io/pi-cr/server or 123456789012.dkr.ecr.eu-west-2.amazonaws.com/pi/server",
});

const cpuTarget = z.number().int().min(10).max(95);

const serviceScaling = (maxDefault: number) =>
  z.strictObject({
    min: z.number().int().min(1).max(100).default(1).describe("Fewest tasks (also the desired count at creation)."),
    max: z.number().int().min(1).max(100).default(maxDefault).describe("Most tasks autoscaling may run."),
    cpuTargetPercent: cpuTarget
      .default(70)
      .describe(
        "Target-tracking goal for average CPU: scales out above it, in well below it (the vendor's guide: out at 70 %, in below 20 %). Never memory: Tomcat's heap never shrinks.",
      ),
    scaleInCooldownSeconds: z
      .number()
      .int()
      .min(60)
      .max(3600)
      .default(900)
      .describe("Wait after a scale-in before the next (long: Tomcat sessions are in memory)."),
    scaleOutCooldownSeconds: z.number().int().min(30).max(3600).default(120).describe("Wait after a scale-out before the next."),
  });

/** Settings every service has. */
const serviceFields = (image: string, cpu: number, memoryMib: number) => ({
  repository: repository
    .default(`${VENDOR_REGISTRY}/${image}`)
    .describe(`Image repository (no tag). Push the vendor image to your own ECR for continuity. @default ${VENDOR_REGISTRY}/${image}`),
  tag: imageTag.default(DEFAULT_IMAGE_TAG).describe("Image tag (the Panintelligence version)."),
  cpu: z
    .number()
    .int()
    .refine((v) => FARGATE_CPUS.includes(v), { error: `must be a Fargate CPU value: ${FARGATE_CPUS.join(", ")}` })
    .default(cpu)
    .describe("Task CPU units (1024 = 1 vCPU)."),
  memoryMib: z.number().int().default(memoryMib).describe("Task memory in MiB; must be valid for `cpu` on Fargate."),
});

function checkFargateSize(value: { cpu: number; memoryMib: number }, ctx: z.RefinementCtx): void {
  const allowed = FARGATE_SIZES[value.cpu];
  if (allowed && !allowed.includes(value.memoryMib)) {
    ctx.addIssue({
      code: "custom",
      path: ["memoryMib"],
      input: value.memoryMib,
      message: `${value.memoryMib} MiB is not a Fargate size for cpu ${value.cpu}; valid memory for cpu ${value.cpu}: ${allowed.join(", ")}`,
    });
  }
}

const officeHours = z.strictObject({
  timezone: z.string().min(1).default("UTC").describe("IANA time zone of the schedule, e.g. Europe/London."),
  scaleUp: z.string().min(1).default("cron(0 7 ? * MON-FRI *)").describe("When office hours start (Application Auto Scaling cron)."),
  scaleDown: z.string().min(1).default("cron(0 19 ? * MON-FRI *)").describe("When office hours end."),
  min: z.number().int().min(1).max(100).describe("Fewest dashboard tasks during office hours."),
  max: z.number().int().min(1).max(100).describe("Most dashboard tasks during office hours."),
});

const dashboardSchema = z
  .strictObject({
    ...serviceFields("server", 1024, 2048),
    tomcatMaxMemoryMb: z
      .number()
      .int()
      .min(512)
      .optional()
      .describe("JVM heap (PI_TOMCAT_MAX_MEMORY). @default task memory minus max(1024, 25 %) headroom (2048 → 1024, 4096 → 3072)"),
    deploymentAlarms: z
      .boolean()
      .default(true)
      .describe(
        "Watch each dashboard deployment with two CloudWatch alarms (the dashboard targets' 5xx share and unhealthy targets) and roll back when one fires. `false` keeps the alarms and the service's ECS alarms block with `enable = false` (the provider refuses an alarms block without names), so switching off really disables them.",
      ),
    healthCheckGracePeriodSeconds: z
      .number()
      .int()
      .min(0)
      .max(3600)
      .default(300)
      .describe("Seconds the load balancer's health checks are ignored after a task starts (Tomcat start-up)."),
    scaling: serviceScaling(1)
      .extend({
        requestsPerTarget: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe("Also track ALB requests per target (ALBRequestCountPerTarget) at this value. @default CPU only"),
        officeHours: officeHours.optional().describe("Scheduled min/max for office hours; outside them the configured min/max apply. @default no schedule"),
      })
      .prefault({})
      .describe("Autoscaling. Vendor default 1/1; with max > 1 the target group's stickiness is forced on."),
    environment: extraEnvironment("dashboard"),
    embedding: embeddingSchema,
  })
  .superRefine(checkFargateSize)
  .prefault({})
  .describe("The dashboard (Tomcat): behind the load balancer on 8224, internal 28748.");

const schedulerSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Run the scheduler (piReports). Always one task, never Spot, never autoscaled."),
    ...serviceFields("scheduler", 512, 1024),
    environment: extraEnvironment("scheduler"),
  })
  .superRefine(checkFargateSize)
  .prefault({})
  .describe("The scheduler: a singleton on 9917 that shares `keys/` with the dashboard.");

const workerSchema = (image: string, enabledDefault: boolean, what: string) =>
  z
    .strictObject({
      enabled: z.boolean().default(enabledDefault).describe(`Run the ${what}.`),
      ...serviceFields(image, 1024, 2048),
      spot: z.boolean().default(false).describe("Run on FARGATE_SPOT (interruptible, cheaper)."),
      scaling: serviceScaling(1).optional().describe("CPU target-tracking autoscaling. @default a fixed single task"),
      environment: extraEnvironment(what.split(" ")[0]),
    })
    .superRefine(checkFargateSize)
    .prefault({});

export const computeSchema = z
  .strictObject({
    licenceSecretArn: secretArn
      .optional()
      .describe(
        "Existing Secrets Manager secret holding PI_LICENCE (the ALM key, or the offline licence on one line). " +
          "@default a new empty secret <prefix>/licence for the operator to fill (docs/runbooks/licence.md)",
      ),
    registryCredentialsSecretArn: secretArn
      .optional()
      .describe(
        "Secret with `username` and `password` for a private registry (GHCR: the GitHub user Panintelligence granted access, and a token with read:packages). Required for ghcr.io images unless `images.public`. @default none (ECR or public images)",
      ),
    images: z
      .strictObject({
        public: z
          .boolean()
          .default(false)
          .describe(
            "The ghcr.io images need no credentials (your own public mirror). Panintelligence's own images are private: leave false and set `registryCredentialsSecretArn`, or mirror them to ECR (docs/runbooks/ecr-mirror.md).",
          ),
      })
      .prefault({})
      .describe("How the tasks may pull the images."),
    imageOwner: z
      .enum(["terraform", "pipeline"])
      .default("terraform")
      .describe("`pipeline`: a CI pipeline registers task definitions (image tags); Terraform ignores task-definition changes on the services."),
    waitForSteadyState: z.boolean().default(false).describe("terraform apply waits until each service is steady (fails the apply on a bad rollout)."),
    enableExecuteCommand: z.boolean().default(false).describe("Allow ECS Exec shells into tasks (sessions logged to the cluster's exec log group)."),
    stopTimeoutSeconds: z.number().int().min(2).max(120).default(120).describe("Seconds between SIGTERM and SIGKILL (Tomcat drains sessions)."),
    serviceConnect: serviceConnectSchema,
    dataSources: dataSourcesSchema,
    smtp: smtpSchema,
    dashboard: dashboardSchema,
    scheduler: schedulerSchema,
    renderer: workerSchema("renderer", true, "renderer (9915): PDF/image rendering for reports").describe("The renderer on 9915."),
    pirana: workerSchema("pirana", false, "pirana analytics service (9918; needs the piAnalytics licence)").describe("Pirana (analytics) on 9918."),
  })
  .prefault({})
  .describe("ECS Fargate cluster and the Panintelligence services.");

export type ComputeConfig = z.output<typeof computeSchema>;
export type DashboardConfig = ComputeConfig["dashboard"];
export type WorkerConfig = ComputeConfig["renderer"];
export type ScalingConfig = NonNullable<WorkerConfig["scaling"]>;

/** The default JVM heap: task memory minus max(1024 MiB, 25 %) headroom for the JVM's own use and the sidecars. */
export function defaultTomcatHeapMb(memoryMib: number): number {
  return memoryMib - Math.max(1024, Math.floor(memoryMib / 4));
}
