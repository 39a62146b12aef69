// Presence functions: coalesce and is_present, the two that look at absent values instead of passing them on.

import { Failure } from "../values.js";
import { ABSENT, gives } from "./examples.js";
import type { FunctionSpec } from "./spec.js";
import { isPresentValue } from "./values.js";

/** The first present value; absent, null and failed values are passed over. */
export function coalesce(...values: unknown[]): unknown {
  return values.find(isPresentValue);
}

/**
 * coalesce of two values, which generated code nests for more (`coalesce(a, b, c)` is `firstPresent(a,
 * firstPresent(b, c))`): the same value, without an arguments list per call.
 */
export function firstPresent(first: unknown, second: unknown): unknown {
  if (isPresentValue(first)) return first;
  return isPresentValue(second) ? second : undefined;
}

export function is_present(value: unknown): boolean {
  return isPresentValue(value);
}

export const PRESENCE_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: "coalesce",
    params: [{ name: "values", type: "any", variadic: true }],
    returns: "any",
    fallible: false,
    doc: "The first of its arguments that is present (not absent, not null). Absent when none is.",
    examples: [
      { args: [undefined, "GB", "US"], result: gives("GB") },
      { args: [null, 0], result: gives(0), note: "0 and false are present" },
      { args: [undefined, undefined], result: ABSENT },
      { args: [], result: ABSENT },
    ],
    impl: coalesce,
  },
  {
    name: "is_present",
    params: [{ name: "value", type: "any" }],
    returns: "boolean",
    fallible: false,
    doc: "True when the value is present (not absent, not null, not a failed call), otherwise false; never absent.",
    examples: [
      { args: ["x"], result: gives(true) },
      { args: [false], result: gives(true), note: "false is a value" },
      { args: [undefined], result: gives(false) },
      { args: [null], result: gives(false) },
      { args: [new Failure("not a phone number")], result: gives(false), note: "a failed call" },
    ],
    impl: is_present,
  },
];
