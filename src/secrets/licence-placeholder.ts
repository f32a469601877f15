/**
 * What the dashboard reads until the licence is put: not a secret, a fixed text. The compute tier writes it as the
 * licence secret's first version; PI-SEC-001 waives exactly this text (a leaf module both import).
 */
export const LICENCE_PLACEHOLDER = "NO-LICENCE-YET put the ALM key or the one-line offline licence: docs/runbooks/licence.md";
