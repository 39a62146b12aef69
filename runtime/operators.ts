// The .map operators with their absent semantics, for generated code.

import { scalarText } from "./stdlib/values.js";

/** `a + b`: joins text. Numbers and booleans join as their text; absent or a list/object on either side is absent. */
export function plus(left: unknown, right: unknown): string | undefined {
  const a = scalarText(left);
  const b = scalarText(right);
  return a === undefined || b === undefined ? undefined : a + b;
}

/** `a == b`: JSON equality; absent equals only absent. */
export function equals(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== "object" || typeof right !== "object" || left === null || right === null) return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  const leftKeys = Object.keys(left);
  const rightKeys = Object.keys(right);
  if (leftKeys.length !== rightKeys.length) return false;
  return leftKeys.every(
    (key) =>
      Object.prototype.hasOwnProperty.call(right, key) &&
      equals((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key]),
  );
}

/** A condition holds only when it is exactly `true`: absent, failed or non-boolean values never pass. */
export function holds(value: unknown): boolean {
  return value === true;
}

/** List literal: absent items are dropped; a list left empty is absent. */
export function list(...items: unknown[]): unknown[] | undefined {
  const kept = items.filter((value) => value !== undefined);
  return kept.length === 0 ? undefined : kept;
}
