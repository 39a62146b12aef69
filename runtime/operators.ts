// The .map operators with their absent semantics, for generated code.

import { scalarText } from "./stdlib/values.js";

/**
 * `a + b`: two numbers add (a result that is not finite is absent); otherwise it joins text. Numbers and booleans
 * join as their text; absent or a list/object on either side is absent.
 */
export function plus(left: unknown, right: unknown): string | number | undefined {
  if (typeof left === "number" && typeof right === "number") return finite(left + right);
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
  // The rest array is new on every call, so when nothing is absent it is the list (the usual case: no copy).
  if (!items.includes(undefined)) return items.length === 0 ? undefined : items;
  const kept = items.filter((value) => value !== undefined);
  return kept.length === 0 ? undefined : kept;
}

// ---------------------------------------------------------------- arithmetic and ordering (language v2)

/** A number that JSON can carry: NaN and ±Infinity are absent, so a body never holds them. */
function finite(value: number): number | undefined {
  return Number.isFinite(value) ? value : undefined;
}

function numbers(left: unknown, right: unknown): [number, number] | undefined {
  return typeof left === "number" && typeof right === "number" ? [left, right] : undefined;
}

/** `a - b`: numbers only; anything else is absent. */
export function sub(left: unknown, right: unknown): number | undefined {
  const pair = numbers(left, right);
  return pair === undefined ? undefined : finite(pair[0] - pair[1]);
}

/** `a * b`: numbers only; anything else is absent. */
export function mul(left: unknown, right: unknown): number | undefined {
  const pair = numbers(left, right);
  return pair === undefined ? undefined : finite(pair[0] * pair[1]);
}

/** `a / b`: numbers only; division by zero is absent. */
export function div(left: unknown, right: unknown): number | undefined {
  const pair = numbers(left, right);
  return pair === undefined || pair[1] === 0 ? undefined : finite(pair[0] / pair[1]);
}

/** Whether two values can be ordered: two numbers, or two texts (code-unit order, so ISO timestamps compare). */
function comparable(left: unknown, right: unknown): boolean {
  return (
    (typeof left === "number" && typeof right === "number") || (typeof left === "string" && typeof right === "string")
  );
}

/** `a < b`: holds only for two numbers or two texts. */
export function less(left: unknown, right: unknown): boolean {
  return comparable(left, right) && (left as number) < (right as number);
}

/** `a <= b`. */
export function lessOrEqual(left: unknown, right: unknown): boolean {
  return comparable(left, right) && (left as number) <= (right as number);
}

/** `a > b`. */
export function greater(left: unknown, right: unknown): boolean {
  return comparable(left, right) && (left as number) > (right as number);
}

/** `a >= b`. */
export function greaterOrEqual(left: unknown, right: unknown): boolean {
  return comparable(left, right) && (left as number) >= (right as number);
}

/** `a in list`: whether the list holds a value JSON-equal to `a`; absent, or anything but a list on the right, is false. */
export function isIn(value: unknown, candidates: unknown): boolean {
  if (value === undefined || !Array.isArray(candidates)) return false;
  return candidates.some((candidate) => equals(value, candidate));
}
