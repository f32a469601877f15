/** Policy-report settings: waivers for rules that do not fit a deployment, each with its reason. */
import { z } from "zod";

export const waiverSchema = z.strictObject({
  rule: z
    .string()
    .regex(/^PI-[A-Z0-9]{2,4}-\d{3}$/, { error: "must be a policy rule id such as PI-NET-005" })
    .describe("Rule id to waive."),
  resource: z
    .string()
    .regex(/^[a-z0-9_]+\.[A-Za-z0-9_-]+$/, { error: "must be a Terraform resource address such as aws_lb.alb" })
    .optional()
    .describe("Waive only this resource address. @default every resource of the rule"),
  reason: z
    .string({ error: "a waiver needs a reason: say why the rule does not apply here" })
    .trim()
    .min(10, { error: "must explain the waiver in at least 10 characters" })
    .describe("Why the rule does not apply (shown in every report)."),
});

export const policySchema = z
  .strictObject({
    waivers: z.array(waiverSchema).default([]).describe("Rule waivers; waived findings are reported as waived, never as passed."),
  })
  .prefault({});

export type Waiver = z.output<typeof waiverSchema>;
