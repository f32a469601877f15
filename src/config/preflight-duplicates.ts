/**
 * No list in the configuration means anything with an entry twice, and some break the apply when it has (two
 * interface endpoints of one service, two upload notifications with one id, a for_each key twice): every list is
 * checked, including lists other sections add later. Paths are env-relative.
 */
import { formatPath, type ConfigIssue } from "./issues";
import { isPlainObject } from "./merge";

export function checkDuplicates(env: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const walk = (node: unknown, path: readonly PropertyKey[]) => {
    if (Array.isArray(node)) {
      const first = new Map<string, number>();
      node.forEach((item, i) => {
        const key = JSON.stringify(item);
        const earlier = first.get(key);
        if (earlier === undefined) first.set(key, i);
        else issues.push({ path: formatPath([...path, i]), message: `repeats ${formatPath([...path, earlier])}; list each entry once`, value: item });
        walk(item, [...path, i]);
      });
    } else if (isPlainObject(node)) {
      for (const [key, value] of Object.entries(node)) walk(value, [...path, key]);
    }
  };
  walk(env, []);
  return issues;
}
