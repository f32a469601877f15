/**
 * Rewrites the resource references of a Terraform expression: `aws_x.name` heads outside string literals, and inside
 * the `${...}` parts of string literals nested in the expression. Used to rename resources and to index the counted
 * ones (`aws_x.name[0]`).
 */
import { skipString, splitTemplate } from "../../policy/hcl-expression";

/** Maps a `type.name` reference head to its replacement, or undefined to keep it. */
export type HeadRewrite = (type: string, name: string) => string | undefined;

const HEAD = /(?<![\w.\]-])(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)/g;

/** The expression source with every resource (and data-source) reference head rewritten. */
export function rewriteReferences(source: string, rewrite: HeadRewrite): string {
  let out = "";
  let code = "";
  const flush = () => {
    out += code.replace(HEAD, (whole, data: string | undefined, type: string, name: string) => {
      const replaced = rewrite(data ? `data.${type}` : type, name);
      return replaced === undefined ? whole : replaced;
    });
    code = "";
  };
  let i = 0;
  while (i < source.length) {
    if (source[i] === '"') {
      flush();
      const end = skipString(source, i);
      out += `"${rewriteTemplateReferences(source.slice(i + 1, end - 1), rewrite)}"`;
      i = end;
      continue;
    }
    code += source[i];
    i += 1;
  }
  flush();
  return out;
}

/** The same for a template (a JSON string value): literal text is kept, `${...}` parts are rewritten. */
export function rewriteTemplateReferences(template: string, rewrite: HeadRewrite): string {
  if (!template.includes("${")) return template;
  return splitTemplate(template)
    .map((part) => (part.kind === "literal" ? part.text.replaceAll("${", () => "$${") : `\${${rewriteReferences(part.source, rewrite)}}`))
    .join("");
}
