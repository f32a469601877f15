/** The compute tier's Terraform outputs (the runbooks use them), each with a description. */
import { TerraformOutput, type TerraformStack } from "cdktf";
import type { Compute } from "./compute";

export function addComputeOutputs(stack: TerraformStack, compute: Compute): void {
  new TerraformOutput(stack, "ecs_cluster_name", { value: compute.cluster.clusterName, description: "Name of the ECS cluster." });
  new TerraformOutput(stack, "ecs_services", {
    value: [...compute.services.keys()],
    description: "Names of the ECS services in the cluster (dashboard, scheduler, renderer, pirana as configured).",
  });
  new TerraformOutput(stack, "service_log_groups", {
    value: Object.fromEntries([...compute.services].map(([name, service]) => [name, service.logGroupName])),
    description: "CloudWatch log group of each service's container (and its Service Connect proxy).",
  });
  new TerraformOutput(stack, "service_security_group_ids", {
    value: Object.fromEntries([...compute.services].map(([name, service]) => [name, service.securityGroupId])),
    description: "Security group of each service: admit it on a data source's own security group (compute.dataSources).",
  });
  new TerraformOutput(stack, "exec_log_group", { value: compute.cluster.execLogGroupName, description: "Log group of ECS Exec sessions." });
  new TerraformOutput(stack, "licence_secret_arn", {
    value: compute.licenceSecretArn,
    description: "Secrets Manager secret the dashboard reads PI_LICENCE from (fill it: docs/runbooks/licence.md).",
  });
  new TerraformOutput(stack, "redeploy_runbook", {
    value: compute.redeploy.documentName,
    description: "SSM Automation runbook that force-redeploys one service (run by EventBridge when a watched secret changes).",
  });
}
