/**
 * The override files that point a root module (and its local child modules) at the emulator. Terraform merges
 * `*_override.tf.json` files into the module they sit in, so the synthesised stack and the published modules are
 * applied exactly as written, with only these settings changed:
 * - root: every used service's endpoint at the emulator, dummy credentials, the provider's skip flags, no account
 *   allow-list, local state; the hosted zone id the emulator created in place of the configured one;
 * - every module: `wait_for_steady_state = false` on ECS services (the emulator runs no tasks);
 * - before a destroy of a protected stack: deletion protection, `prevent_destroy` and `force_destroy` switched so that
 *   `terraform destroy` may remove what production keeps (the summary says so).
 */
import { endpointsFor } from "./endpoints";

export const REHEARSAL_OVERRIDE_FILE = "zz_rehearsal_override.tf.json";
export const UNPROTECT_OVERRIDE_FILE = "zz_rehearsal_unprotect_override.tf.json";

/** A module's resources as Terraform JSON: type → name → attributes. */
export type Resources = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;

/** A module call's literal arguments: name → arguments. */
export type ModuleCalls = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

export interface RootOverrideInput {
  readonly endpoint: string;
  /** Every resource type of the root and its child modules. */
  readonly resourceTypes: Iterable<string>;
  /** The root's own resources (zone ids are replaced where they are the configured literal). */
  readonly resources: Resources;
  /** The root's module calls (a `hosted_zone_id` argument is replaced likewise). */
  readonly moduleCalls: ModuleCalls;
  /** Configured hosted zone id → the emulator's. */
  readonly zones: ReadonlyMap<string, string>;
  /** Give the root a local backend in its directory (a synthesised stack has a backend block of its own). */
  readonly localBackend: boolean;
}

export function rootOverride(input: RootOverrideInput): Record<string, unknown> {
  const endpoints = Object.fromEntries(endpointsFor(input.resourceTypes).map((key) => [key, input.endpoint]));
  const zoneIdFor = (value: unknown) => (typeof value === "string" ? input.zones.get(value) : undefined);
  const resource = mergeResources(
    moduleOverride(input.resources),
    select(input.resources, (attrs) => {
      const zoneId = zoneIdFor(attrs.zone_id);
      return zoneId === undefined ? undefined : { zone_id: zoneId };
    }),
  );
  const module = Object.fromEntries(
    Object.entries(input.moduleCalls).flatMap(([name, args]) => {
      const zoneId = zoneIdFor(args.hosted_zone_id);
      return zoneId === undefined ? [] : [[name, { hosted_zone_id: zoneId }]];
    }),
  );
  return {
    provider: {
      aws: {
        access_key: "rehearsal",
        secret_key: "rehearsal",
        skip_credentials_validation: true,
        // The provider needs the account id (the emulator's STS answers 123456789012): without it, it reads a security
        // group rule's referenced group back as `<account>/<group id>` and plans a change on every one.
        skip_requesting_account_id: false,
        skip_metadata_api_check: true,
        skip_region_validation: true,
        allowed_account_ids: null,
        s3_use_path_style: true,
        endpoints: [endpoints],
      },
    },
    ...(Object.keys(resource).length > 0 ? { resource } : {}),
    ...(Object.keys(module).length > 0 ? { module } : {}),
    ...(input.localBackend ? { terraform: { backend: { local: { path: "terraform.tfstate" } } } } : {}),
  };
}

/** What every module directory gets: ECS services that do not wait for tasks the emulator never runs. */
export function moduleOverride(resources: Resources): Record<string, Record<string, Record<string, unknown>>> {
  return select(resources, (_attrs, type) => (type === "aws_ecs_service" ? { wait_for_steady_state: false } : undefined));
}

/** Settings a protected module keeps that stop `terraform destroy`; undefined where the module has none. */
export function unprotectOverride(resources: Resources): Record<string, unknown> | undefined {
  const resource = select(resources, (attrs) => {
    const lifecycle = first(attrs.lifecycle);
    const changes: Record<string, unknown> = {
      ...(attrs.deletion_protection === true ? { deletion_protection: false } : {}),
      ...(attrs.enable_deletion_protection === true ? { enable_deletion_protection: false } : {}),
      ...(attrs.force_destroy === false ? { force_destroy: true } : {}),
      ...(lifecycle?.prevent_destroy === true ? { lifecycle: { prevent_destroy: false } } : {}),
    };
    return Object.keys(changes).length > 0 ? changes : undefined;
  });
  return Object.keys(resource).length > 0 ? { resource } : undefined;
}

/** The protections `unprotectOverride` switched, as `type.name: setting` lines for the summary. */
export function protectionsSwitched(override: Record<string, unknown> | undefined): string[] {
  const resource = (override?.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  return Object.entries(resource).flatMap(([type, byName]) =>
    Object.entries(byName).map(
      ([name, attrs]) =>
        `${type}.${name}: ${Object.keys(attrs)
          .map((k) => (k === "lifecycle" ? "prevent_destroy" : k))
          .join(", ")}`,
    ),
  );
}

function select(
  resources: Resources,
  pick: (attrs: Readonly<Record<string, unknown>>, type: string) => Record<string, unknown> | undefined,
): Record<string, Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const type of Object.keys(resources).sort()) {
    for (const name of Object.keys(resources[type]).sort()) {
      const picked = pick(resources[type][name], type);
      if (picked) (out[type] ??= {})[name] = picked;
    }
  }
  return out;
}

function mergeResources(
  a: Record<string, Record<string, Record<string, unknown>>>,
  b: Record<string, Record<string, Record<string, unknown>>>,
): Record<string, Record<string, Record<string, unknown>>> {
  const out = structuredClone(a);
  for (const [type, byName] of Object.entries(b)) {
    for (const [name, attrs] of Object.entries(byName)) (out[type] ??= {})[name] = { ...(out[type]?.[name] ?? {}), ...attrs };
  }
  return out;
}

/** HCL-as-JSON (hcl2json) gives blocks as one-element lists; synthesised JSON gives objects. */
function first(value: unknown): Record<string, unknown> | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v !== null && typeof v === "object" ? (v as Record<string, unknown>) : undefined;
}
