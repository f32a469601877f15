/**
 * Where our rules deliberately disagree with checkov on its own fixtures (see support/conformance.ts for how
 * outcomes are compared). One entry per expectation; the conformance test fails on any disagreement not listed here
 * and on any entry that no longer occurs.
 */
import type { Deviation } from "./support/conformance";

export const DEVIATIONS: readonly Deviation[] = [];
