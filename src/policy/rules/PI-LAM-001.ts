import type { Resource, Rule, Verdict } from "../model";
import { notApplicable } from "./lib/assessment";
import { DEPRECATED_LAMBDA_RUNTIMES, LAMBDA_RUNTIMES_AS_OF, SUPPORTED_LAMBDA_RUNTIMES } from "./lib/lambda-runtimes";
import { str } from "./lib/values";
import { isUnknown } from "../model";

/** LambdaSupportedRuntime: the versioned allow-list decides; container images carry their own runtime. */
export const lambdaSupportedRuntime: Rule = {
  id: "PI-LAM-001",
  title: "Lambda functions use a supported runtime",
  severity: "MEDIUM",
  resourceTypes: ["aws_lambda_function"],
  defaultEnabled: true,
  externalIds: { checkov: ["CKV_AWS_363"], trivy: [], securityHub: ["Lambda.2"], cdkNag: ["AwsSolutions-L1"] },
  rationale: "Deprecated runtimes stop receiving security patches and eventually cannot be updated.",
  check(fn: Resource): Verdict {
    if (fn.values.package_type === "Image") return notApplicable("package_type = Image");
    const runtime = str(fn.values.runtime);
    if (isUnknown(runtime)) return { status: "UNKNOWN", message: `runtime: ${runtime.reason}` };
    if (runtime !== undefined && SUPPORTED_LAMBDA_RUNTIMES.has(runtime)) return { status: "PASS", message: `runtime = "${runtime}"` };
    const why =
      runtime === undefined ? "is absent" : DEPRECATED_LAMBDA_RUNTIMES.has(runtime) ? `= "${runtime}" is deprecated` : `= "${runtime}" is not supported`;
    return {
      status: "FAIL",
      message: `runtime ${why}; expected one of the supported runtimes as of ${LAMBDA_RUNTIMES_AS_OF} (e.g. "nodejs22.x", "python3.13")`,
    };
  },
};
