// Object literals, list comprehensions and `match` for generated code, with the absent semantics of the rest.

import { present } from "./access.js";
import { holds } from "./operators.js";
import { put } from "./body.js";

/**
 * `{ key: value, … }` as key–value pairs (never a JavaScript object literal, where `__proto__` would set the
 * prototype). Absent values leave their key out; an object left empty that way is absent; a written `{}` is `{}`.
 */
export function obj(...entries: readonly (readonly [string, unknown])[]): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {};
  for (const [key, value] of entries) put(result, key, value);
  return entries.length > 0 && Object.keys(result).length === 0 ? undefined : result;
}

/**
 * `[ item for name in source if condition ]`: a source that is not a list is absent; blank elements (`null`, `""`)
 * read as absent like any other event value; items that are absent are dropped; a list left empty is absent.
 */
export function each(
  source: unknown,
  item: (value: unknown) => unknown,
  keep?: (value: unknown) => boolean,
): unknown[] | undefined {
  if (!Array.isArray(source)) return undefined;
  const result: unknown[] = [];
  for (const element of source) {
    const value = present(element);
    if (keep !== undefined && !holds(keep(value))) continue;
    const made = item(value);
    if (made !== undefined) result.push(made);
  }
  return result.length === 0 ? undefined : result;
}

/** `match subject { … }`: the value of the first arm whose literal equals the subject, else `otherwise`, else absent. */
export function pick(
  subject: unknown,
  arms: readonly (readonly [string | number | boolean, () => unknown])[],
  otherwise?: () => unknown,
): unknown {
  for (const [literal, value] of arms) if (subject === literal) return value();
  return otherwise === undefined ? undefined : otherwise();
}

/**
 * A call to a function that is absent whenever its first argument is (`e164(traits.phone, region(…))`): the other
 * arguments are evaluated only when the first is present, so an event without a phone pays no region lookups.
 */
export function whenPresent<T>(first: unknown, call: (first: unknown) => T): T | undefined {
  return first === undefined ? undefined : call(first);
}
