/**
 * Waivers the design itself needs, matched by shape (addresses differ per stack). They only ever turn a FAIL or
 * UNKNOWN into WAIVED, with the reason shown in every report.
 *
 * The internet-facing ALB (trivy AWS-0053) needs no entry: no rule of the pack flags public exposure as such, and the
 * one rule about internet-facing ALBs (PI-WAF-001, "has a WAF") must not be waived.
 */
import type { BuiltinWaiver, Resource } from "../model";
import { LICENCE_PLACEHOLDER } from "../../secrets/licence-placeholder";
import { blocks, first, str } from "./lib/values";

/** An HTTP listener on port 80 whose only job is a permanent redirect to HTTPS:443. */
function isHttpsRedirectListener(resource: Resource): boolean {
  if (resource.type !== "aws_lb_listener") return false;
  const v = resource.values;
  const actions = blocks(v.default_action);
  const redirect = first(actions[0]?.redirect);
  return (
    str(v.port) === "80" &&
    (v.protocol === undefined || v.protocol === "HTTP") &&
    actions.length === 1 &&
    str(redirect?.protocol) === "HTTPS" &&
    str(redirect?.port) === "443" &&
    str(redirect?.status_code) === "HTTP_301"
  );
}

/** The licence secret's first version: a fixed, public placeholder text, never the licence (licence-secret.ts). */
function isLicencePlaceholder(resource: Resource): boolean {
  return resource.type === "aws_secretsmanager_secret_version" && resource.values.secret_string === LICENCE_PLACEHOLDER;
}

export const BUILTIN_WAIVERS: readonly BuiltinWaiver[] = [
  {
    id: "http-to-https-redirect",
    rules: "*",
    reason: "The port-80 listener only redirects to HTTPS (UX); HTTPS-only listeners (ELB.18, CKV_AWS_260) were not adopted, security-rules §7.2",
    matches: isHttpsRedirectListener,
  },
  {
    id: "licence-placeholder",
    rules: ["PI-SEC-001"],
    reason:
      "The licence secret's first version is a fixed placeholder text, not a secret: ECS cannot start the dashboard from a secret without a value; the operator's licence replaces it outside Terraform (ignore_changes)",
    matches: isLicencePlaceholder,
  },
];
