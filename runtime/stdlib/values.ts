// Shared input and output rules of the standard library: which values count as text, and when a result is absent.

import { Failure } from "../values.js";

/** The text of `value` when it is a string; any other JSON type (or absent) is treated as absent. */
export function textArg(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * Text of a scalar for functions that join or convert: strings as they are, finite numbers and booleans as their
 * JSON text (the same rule as the `+` operator). Lists, objects, null and absent give absent.
 */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "boolean") return String(value);
  return undefined;
}

/** Empty text is absent unless written literally: every text a function computes goes through here. */
export function textResult(text: string | undefined): string | undefined {
  return text === undefined || text === "" ? undefined : text;
}

/** Present means a value: not absent, not JSON null, not a failed fallible call. */
export function isPresentValue(value: unknown): boolean {
  return value !== undefined && value !== null && !(value instanceof Failure);
}
