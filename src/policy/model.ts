/**
 * The policy engine's data model: normalised resources, rule metadata and verdicts.
 * Everything is readonly: rules are pure functions over (resource, ctx).
 */

export type Severity = "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";

/** Outcome of one rule on one resource, as the rule sees it. */
export type Status = "PASS" | "FAIL" | "NOT_APPLICABLE" | "UNKNOWN";

/** Outcome after waivers: a FAIL or UNKNOWN covered by a waiver becomes WAIVED (never PASS). */
export type ResultStatus = Status | "WAIVED";

/** A value the engine could not determine (an unresolved `${var.x}`, a plan's "known after apply", bad JSON). */
export class Unknown {
  constructor(readonly reason: string) {}
}

export const isUnknown = (value: unknown): value is Unknown => value instanceof Unknown;

export type Value = null | boolean | number | string | Unknown | readonly Value[] | ValueMap;
export interface ValueMap {
  readonly [key: string]: Value;
}

/** An in-resource suppression: `"//": {"pi": {"skip": [{"id", "reason"}]}}`. */
export interface Suppression {
  readonly id: string;
  readonly reason: string;
}

export interface Resource {
  /** `aws_vpc.main`, `data.aws_iam_policy_document.x`, `module.net.aws_subnet.a[0]` */
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  /** Nested blocks always arrays, JSON-string attributes parsed, `"//"` removed. */
  readonly values: ValueMap;
  /** The resource body exactly as loaded. */
  readonly raw: unknown;
  /** Reference expressions known only from a plan's `configuration` section. */
  readonly links: readonly string[];
  readonly suppressions: readonly Suppression[];
}

/** A reference expression found in a value, resolved against the stack where possible. */
export interface Reference {
  /** The traversal, e.g. `aws_vpc.main.id`. */
  readonly expression: string;
  /** The referenced resource, undefined for `var.*`, `local.*` and addresses not in the stack. */
  readonly resource?: Resource;
  /** The attribute after the resource address, e.g. `id`, `arn`; undefined for a bare address. */
  readonly attribute?: string;
  /**
   * The instances of a count/for_each block the reference may mean when the engine cannot tell which (an index it
   * cannot evaluate): `resource` is then undefined, and a rule that needs the link says UNKNOWN.
   */
  readonly candidates?: readonly Resource[];
}

export interface Context {
  readonly resources: readonly Resource[];
  /** `aws_vpc` selects managed resources, `data.aws_iam_policy_document` data sources. */
  resourcesOfType(type: string): readonly Resource[];
  get(address: string): Resource | undefined;
  /** The reference a whole-expression value (`"${aws_vpc.main.id}"`) points at, if it is one. */
  resolve(value: Value | undefined): Reference | undefined;
  /** Every reference anywhere inside a value (templates, `jsonencode(...)`, nested blocks). */
  references(value: Value | undefined): readonly Reference[];
  /** True if the value references the resource anywhere. */
  refersTo(value: Value | undefined, target: Resource): boolean;
  /** True if the value may reference the resource: an instance reference whose index the engine cannot evaluate. */
  mayReferTo(value: Value | undefined, target: Resource): boolean;
  /** Resources that reference the target (in their values or plan configuration), optionally of one type. */
  referencesTo(target: Resource, fromType?: string): readonly Resource[];
  /** A JSON document held by a value: JSON text, `${jsonencode(...)}` or `${data.aws_iam_policy_document.x.json}`. */
  parseJson(value: Value | undefined): Value;
}

/** One condition of a rule that a resource failed or left undecided. */
export interface Finding {
  readonly status: "FAIL" | "UNKNOWN";
  readonly message: string;
  /**
   * The external ids (of the rule's externalIds) whose condition this is, so a report can say which checkov check or
   * Security Hub control a failure corresponds to. Absent: the rule as a whole. Empty: a condition of ours that none
   * of the external checks has.
   */
  readonly refs?: readonly string[];
}

export interface Verdict {
  readonly status: Status;
  /** Names the attribute and the expected value. */
  readonly message: string;
  /** The conditions behind a FAIL or UNKNOWN, when the rule checks several. */
  readonly findings?: readonly Finding[];
}

export interface ExternalIds {
  readonly checkov: readonly string[];
  readonly trivy: readonly string[];
  readonly securityHub: readonly string[];
  readonly cdkNag: readonly string[];
}

export interface RuleMeta {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** Types the rule judges, one verdict each (`data.` prefix for data sources). */
  readonly resourceTypes: readonly string[];
  /** Types the rule only follows links to. */
  readonly relatedTypes?: readonly string[];
  readonly defaultEnabled: boolean;
  readonly externalIds: ExternalIds;
  readonly rationale: string;
}

export interface Rule extends RuleMeta {
  check(resource: Resource, ctx: Context): Verdict;
}

/** A waiver supplied by configuration: one rule, optionally one resource address. */
export interface Waiver {
  readonly rule: string;
  readonly resource?: string;
  readonly reason: string;
}

/** A waiver the rule pack itself needs, matched by shape rather than address. */
export interface BuiltinWaiver {
  readonly id: string;
  /** Rule ids it covers, or "*" for any rule that would flag the resource. */
  readonly rules: readonly string[] | "*";
  readonly reason: string;
  matches(resource: Resource, ctx: Context): boolean;
}

/** A resource as read from a file, before normalisation. */
export interface LoadedResource {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  /** The body to normalise: the synthesised block, or a plan's planned values with configuration references filled in. */
  readonly body: Readonly<Record<string, unknown>>;
  readonly raw: unknown;
  readonly links: readonly string[];
}

/** How a stack was read: synthesised Terraform JSON, a `terraform show -json` plan, or an HCL module directory. */
export type StackKind = "synth" | "plan" | "hcl";

/** One stack to evaluate: a synthesised `cdk.tf.json`, a `terraform show -json` plan, or a Terraform directory. */
export interface LoadedStack {
  readonly name: string;
  readonly kind: StackKind;
  /** The file it was read from, when it was read from one. */
  readonly path?: string;
  readonly resources: readonly LoadedResource[];
  /** What the loader could not follow (a module call it cannot read), said in the report. */
  readonly notes?: readonly string[];
}
