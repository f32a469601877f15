/**
 * AWS's six-field cron syntax (EventBridge, Application Auto Scaling, AWS Backup, Secrets Manager rotation):
 * `cron(minutes hours day-of-month month day-of-week year)`, with `?` in exactly one of the two day fields. A bad
 * expression passes `terraform plan` and fails the apply, so it is refused here with what is wrong.
 */

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Extra single-item forms the field allows (L, W, #). */
  readonly special?: RegExp;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

const FIELDS: readonly Field[] = [
  { name: "minutes", min: 0, max: 59 },
  { name: "hours", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31, special: /^(\?|L|LW|L-([1-9]|[12]\d|30)|([1-9]|[12]\d|3[01])W)$/ },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day-of-week", min: 1, max: 7, names: WEEKDAYS, special: /^(\?|L|([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(L|#[1-5]))$/ },
  { name: "year", min: 1970, max: 2199 },
];

function fieldValue(text: string, field: Field): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= field.min && n <= field.max ? n : undefined;
  }
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  return index >= 0 ? index + field.min : undefined;
}

function checkField(text: string, field: Field): string | undefined {
  const bad = `${field.name} "${text}" is not valid: use ${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names.at(-1)}` : ""}, *, lists (a,b), ranges (a-b) and steps (*/n)`;
  if (field.special?.test(text.toUpperCase())) return undefined;
  for (const item of text.split(",")) {
    const [range, step, ...rest] = item.split("/");
    if (rest.length > 0 || (step !== undefined && !/^[1-9]\d*$/.test(step))) return bad;
    if (range === "*") continue;
    const ends = range.split("-");
    if (ends.length > 2 || ends.some((end) => fieldValue(end, field) === undefined)) return bad;
  }
  return undefined;
}

/** What is wrong with an AWS `cron(...)` expression, or undefined when it is valid. */
export function awsCronProblem(expression: string): string | undefined {
  const match = /^cron\((.*)\)$/.exec(expression);
  if (!match) return "must be a cron(...) expression such as cron(0 7 ? * MON-FRI *)";
  const parts = match[1].trim().split(/\s+/);
  if (parts.length !== 6) return `has ${parts.length} fields; AWS cron has six: minutes hours day-of-month month day-of-week year`;
  for (const [i, field] of FIELDS.entries()) {
    const problem = checkField(parts[i], field);
    if (problem) return problem;
  }
  if ((parts[2] === "?") === (parts[4] === "?")) {
    return "must have ? in exactly one of day-of-month and day-of-week (e.g. cron(0 3 * * ? *) or cron(0 7 ? * MON-FRI *))";
  }
  return undefined;
}
