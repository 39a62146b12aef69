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
  let kept = 0;
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    put(result, key, value);
    kept++;
  }
  return entries.length > 0 && kept === 0 ? undefined : result;
}

/**
 * `obj` for generated code, its keys and values alternating in one argument list (`record("a", 1, "b", x)`): the
 * same object, without a pair array per key.
 */
export function record(...keysAndValues: unknown[]): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {};
  let kept = 0;
  for (let i = 0; i + 1 < keysAndValues.length; i += 2) {
    const value = keysAndValues[i + 1];
    if (value === undefined) continue;
    put(result, keysAndValues[i] as string, value);
    kept++;
  }
  return keysAndValues.length > 0 && kept === 0 ? undefined : result;
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

/**
 * `match` whose arms all give literals, flat: `choose(subject, pattern, value, pattern, value, …, otherwise?)`. The
 * value of the first pattern equal to the subject, else the trailing `otherwise`, else absent; the same as `pick`.
 */
export function choose(subject: unknown, ...armsThenOtherwise: unknown[]): unknown {
  const pairs = armsThenOtherwise.length - (armsThenOtherwise.length % 2);
  for (let i = 0; i < pairs; i += 2) if (subject === armsThenOtherwise[i]) return armsThenOtherwise[i + 1];
  return pairs < armsThenOtherwise.length ? armsThenOtherwise[pairs] : undefined;
}
