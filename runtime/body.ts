// Building request bodies and headers in generated code: absent values leave keys out, so nothing empty is sent.

import { scalarText } from "./stdlib/values.js";
import { isFailure } from "./values.js";

type Obj = Record<string, unknown>;

/** Sets `key` only when `value` is present. `__proto__` is defined as an own key, never as the prototype. */
export function put(target: Obj, key: string, value: unknown): void {
  if (value === undefined) return;
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * Sets a nested field (`custom_fields.utm_source`), creating the objects on the way only when there is a value,
 * so an object that would stay empty never appears.
 */
export function putIn(target: Obj, keys: readonly string[], value: unknown): void {
  if (value === undefined || keys.length === 0) return;
  let node = target;
  for (let i = 0; i < keys.length - 1; i++) node = child(node, keys[i]);
  put(node, keys[keys.length - 1], value);
}

/**
 * The object under `key` for a nested field (`custom_fields` of `custom_fields.utm_source`): the one already there,
 * or a new one put in its place. Generated code calls it only once it has a value to set, so no empty object is sent.
 */
export function child(target: Obj, key: string): Obj {
  const next = Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined;
  if (next !== null && typeof next === "object" && !Array.isArray(next)) return next as Obj;
  const created: Obj = {};
  put(target, key, created);
  return created;
}

/** A header value: text as is, numbers and booleans as their text, anything else absent. */
export const text: (value: unknown) => string | undefined = scalarText;

/**
 * `left ?? right warn "message"` where it sits inside a larger expression: `right` is evaluated only when needed,
 * and the warning is recorded only when `left` failed (not when it was merely absent).
 */
export function orElse(left: unknown, right: () => unknown, warnings: string[], warning?: string): unknown {
  if (isFailure(left)) {
    if (warning !== undefined) warnings.push(warning);
    return right();
  }
  return left === undefined ? right() : left;
}
