/**
 * Text for one cell of a Markdown (GFM) table: `|` escaped, line breaks folded into spaces, so the row stays one row.
 * The one escaper for the generated tables (module READMEs, the config reference, the policy report, the rehearsal summary).
 */
export const markdownCell = (text: string): string => text.replaceAll("|", "\\|").replace(/\r?\n/g, " ");
