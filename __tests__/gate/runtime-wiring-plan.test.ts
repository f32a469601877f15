/**
 * The runtime-wiring settings as the real AWS provider plans them (offline): the Service Connect timeout blocks, the
 * first-start State Manager associations and the data-source / mail egress by CIDR, prefix list and group are all
 * accepted by the provider's schema and planned with the configured values.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { noticeIfTerraformMissing, planConfig, terraform, terraformRequired as required } from "../support/terraform";

noticeIfTerraformMissing("the runtime-wiring plan test");

interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly change: { readonly after: Record<string, any> };
}

describe("runtime wiring in the offline plan", () => {
  test.runIf(required && !terraform.available)("is required under CI=true", () => {
    expect(terraform.available, "terraform must be installed where CI=true").toBe(true);
  });

  test.runIf(terraform.available)(
    "timeouts, first-start redeploys and declared egress plan with the configured values",
    async () => {
      const result = await planConfig(join(__dirname, "fixtures", "runtime-wiring.yaml"), "wiring");
      expect(result.failure?.message).toBeUndefined();
      const changes = (JSON.parse(readFileSync(result.planJsonPath!, "utf8")) as { resource_changes: ResourceChange[] }).resource_changes;
      const of = (type: string) => changes.filter((c) => c.type === type).map((c) => c.change.after);

      for (const service of of("aws_ecs_service"))
        for (const route of service.service_connect_configuration[0].service)
          expect(route.timeout, `${service.name} ${route.discovery_name}`).toEqual([{ per_request_timeout_seconds: 900, idle_timeout_seconds: 300 }]);

      // parameters hold the runbook role's ARN, known only after apply: the names say which service each redeploys
      expect(
        of("aws_ssm_association")
          .map((a) => a.association_name)
          .sort(),
      ).toEqual(["pi-wiring-first-start-dashboard", "pi-wiring-first-start-renderer"]);
      const egress = of("aws_vpc_security_group_egress_rule").map(
        (r) => `${r.from_port}:${r.cidr_ipv4 ?? r.prefix_list_id ?? r.referenced_security_group_id ?? "?"}`,
      );
      expect(egress).toEqual(
        expect.arrayContaining(["5432:10.50.0.0/16", "5439:pl-0123456789abcdef0", "1433:sg-0123456789abcdef0", "465:198.51.100.0/24", "587:0.0.0.0/0"]),
      );
      const acl = of("aws_network_acl_rule")
        .filter((r) => r.egress)
        .map((r) => `${r.cidr_block}:${r.from_port}`);
      expect(acl).toEqual(expect.arrayContaining(["10.50.0.0/16:5432", "52.0.0.0/16:5439", "10.30.0.0/16:1433", "198.51.100.0/24:465", "0.0.0.0/0:587"]));
    },
    240_000,
  );
});
