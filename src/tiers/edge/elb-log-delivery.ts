/**
 * Who writes ALB access logs into the log bucket, per region, computed without an AWS call (the provider's
 * aws_elb_service_account data source would be a lookup during plan).
 *
 * - Regions available before August 2022: the regional Elastic Load Balancing account, as an AWS principal.
 * - Regions launched since: the log-delivery service principal `logdelivery.elasticloadbalancing.amazonaws.com`.
 *
 * Sources: AWS Elastic Load Balancing user guide, "Access logs for your Application Load Balancer" → "Step 2: Attach a
 * policy to your S3 bucket" (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html),
 * cross-checked against the ELBV2_ACCOUNTS fact table of aws-cdk-lib (region-info/build-tools/fact-tables.ts).
 * Regions missing here are assumed to be new ones and get the service principal.
 */
import { partitionOf } from "../partition";

export const ELB_LOG_DELIVERY_SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";

/** Region → Elastic Load Balancing account id, for the regions available before August 2022. */
export const ELB_ACCOUNT_BY_REGION: Readonly<Record<string, string>> = {
  "us-east-1": "127311923021",
  "us-east-2": "033677994240",
  "us-west-1": "027434742980",
  "us-west-2": "797873946194",
  "af-south-1": "098369216593",
  "ap-east-1": "754344448648",
  "ap-south-1": "718504428378",
  "ap-northeast-1": "582318560864",
  "ap-northeast-2": "600734575887",
  "ap-northeast-3": "383597477331",
  "ap-southeast-1": "114774131450",
  "ap-southeast-2": "783225319266",
  "ap-southeast-3": "589379963580",
  "ca-central-1": "985666609251",
  "eu-central-1": "054676820928",
  "eu-west-1": "156460612806",
  "eu-west-2": "652711504416",
  "eu-west-3": "009996457667",
  "eu-south-1": "635631232127",
  "eu-north-1": "897822967062",
  "me-south-1": "076674570225",
  "sa-east-1": "507241528517",
  "us-gov-west-1": "048591011584",
  "us-gov-east-1": "190560391635",
  "cn-north-1": "638102146993",
  "cn-northwest-1": "037604701340",
  "us-iso-east-1": "770363063475",
  "us-iso-west-1": "121062877647",
  "us-isob-east-1": "740734521339",
};

/** The `Principal` of the bucket-policy statement that lets the region's load balancers write access logs. */
export function elbLogDeliveryPrincipal(region: string): { AWS: string } | { Service: string } {
  const account = ELB_ACCOUNT_BY_REGION[region];
  return account ? { AWS: `arn:${partitionOf(region)}:iam::${account}:root` } : { Service: ELB_LOG_DELIVERY_SERVICE };
}
