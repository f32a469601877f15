/** The report formats the CLI offers. */
import type { PolicyReport } from "../report";
import { formatJson } from "./json";
import { formatMarkdown } from "./markdown";
import { formatSarif } from "./sarif";
import { formatText } from "./text";

export const FORMATTERS = {
  text: formatText,
  json: formatJson,
  markdown: formatMarkdown,
  sarif: formatSarif,
} as const satisfies Record<string, (report: PolicyReport) => string>;

export type Format = keyof typeof FORMATTERS;

export const isFormat = (name: string): name is Format => Object.hasOwn(FORMATTERS, name);
