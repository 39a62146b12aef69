// Null-safe reads that generated code uses for paths: own properties only, and blank values read as absent.

import type { NormalizedEvent } from "./values.js";

/**
 * Reads `key` of `value` when `value` is a plain object that owns it. Inherited keys (`__proto__`, `constructor`,
 * `toString`) are never read, so no event can reach the prototype chain. `null` and `""` read as absent.
 */
export function field(value: unknown, key: string): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  return own(value as Record<string, unknown>, key);
}

/**
 * `field` of an object the runtime guarantees is a plain object: the normalised event's `raw`, `context`, `traits`
 * and `properties`, and the checked settings. The same value, without the tests of what `object` is, so the
 * generated code that reads a dozen event fields stays small enough for V8 to inline the calls around them.
 */
export function own(object: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? present(object[key]) : undefined;
}

/**
 * `traits.KEY` as normalisation merges it, read without merging: the event's top-level trait when it has a value,
 * else the one in `context.traits`. Generated code that names every trait it reads calls this, so the runtime
 * merges nothing, and an event dropped or refused before its first trait is read never pays for the traits.
 */
export function trait(event: NormalizedEvent, key: string): unknown {
  const top = field(own(event.raw, "traits"), key);
  return top !== undefined ? top : field(own(event.context, "traits"), key);
}

/** Reads item `index` of a list; absent when out of range or not a list. */
export function item(value: unknown, index: number): unknown {
  if (!Array.isArray(value) || index < 0 || index >= value.length) return undefined;
  return present(value[index]);
}

/** Maps the event's blank values (`null`, `""`) to absent; everything else passes through. */
export function present(value: unknown): unknown {
  return value === null || value === "" ? undefined : value;
}
