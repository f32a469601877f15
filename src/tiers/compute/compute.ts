/**
 * Compute tier: the ECS cluster (Container Insights, FARGATE/FARGATE_SPOT, ECS Exec logging, Service Connect
 * namespace) and the Panintelligence services on Fargate.
 */
import { Construct } from "constructs";
import type { ComputeConfig } from "../../config/schema/compute";
import { Cluster } from "./cluster";

export interface ComputeProps {
  /** Resource-name prefix (`<project>-<environment>`). */
  readonly prefix: string;
  readonly region: string;
  readonly accountId: string;
  /** The `compute` section of the environment. */
  readonly compute: ComputeConfig;
  /** Retention of every log group of the tier, in days. */
  readonly logRetentionDays: number;
}

export class Compute extends Construct {
  public readonly cluster: Cluster;

  constructor(scope: Construct, id: string, props: ComputeProps) {
    super(scope, id);
    this.cluster = new Cluster(this, "cluster", { prefix: props.prefix, logRetentionDays: props.logRetentionDays });
  }
}
