// Number functions: round, floor, ceil, abs, min and max; numbers only, never NaN, Infinity or -0.

import { ABSENT, gives } from "./examples.js";
import type { FunctionSpec } from "./spec.js";

function finite(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** -0 would print as 0 anyway, but keeping it out makes results compare equal to what a reader expects. */
function tidy(value: number): number | undefined {
  return Number.isFinite(value) ? value + 0 : undefined;
}

/**
 * Half away from zero on the decimal digits as written: 1.005 rounds to 1.01, although the double nearest 1.005 is
 * slightly below it. Shifting by exponent in the decimal text (not multiplying by 10^digits) is what keeps that.
 */
export function round(value: unknown, digits?: unknown): number | undefined {
  const x = finite(value);
  const places = digits === undefined ? 0 : digits;
  if (x === undefined || typeof places !== "number" || !Number.isInteger(places) || places < 0 || places > 15) {
    return undefined;
  }
  // From 2^52 on every double is a whole number, and shifting it could overflow to Infinity.
  if (Math.abs(x) >= 2 ** 52) return tidy(x);
  const rounded = shift(Math.round(shift(Math.abs(x), places)), -places);
  return tidy(Math.sign(x) * rounded);
}

function shift(value: number, places: number): number {
  const [mantissa, exponent = "0"] = String(value).split("e");
  return Number(`${mantissa}e${Number(exponent) + places}`);
}

export function floor(value: unknown): number | undefined {
  const x = finite(value);
  return x === undefined ? undefined : tidy(Math.floor(x));
}

export function ceil(value: unknown): number | undefined {
  const x = finite(value);
  return x === undefined ? undefined : tidy(Math.ceil(x));
}

export function abs(value: unknown): number | undefined {
  const x = finite(value);
  return x === undefined ? undefined : tidy(Math.abs(x));
}

/** Every argument must be a number: one absent or non-number argument makes the result absent, as elsewhere. */
function numbersOf(values: unknown[]): number[] | undefined {
  const numbers = values.map(finite);
  return numbers.length === 0 || numbers.includes(undefined) ? undefined : (numbers as number[]);
}

export function min(...values: unknown[]): number | undefined {
  const numbers = numbersOf(values);
  return numbers === undefined ? undefined : tidy(Math.min(...numbers));
}

export function max(...values: unknown[]): number | undefined {
  const numbers = numbersOf(values);
  return numbers === undefined ? undefined : tidy(Math.max(...numbers));
}

const X = [{ name: "x", type: "number" }] as const;

export const NUMBER_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: "round",
    params: [...X, { name: "digits", type: "number", optional: true }],
    returns: "number",
    fallible: false,
    doc:
      "The number rounded to `digits` decimal places (0 when left out), halves away from zero as on paper. " +
      "`digits` must be a whole number from 0 to 15, otherwise the result is absent.",
    examples: [
      { args: [2.5], result: gives(3) },
      { args: [-2.5], result: gives(-3), note: "halves away from zero" },
      { args: [1.005, 2], result: gives(1.01), note: "as written, not as stored in binary" },
      { args: [19.999, 2], result: gives(20) },
      { args: [1.5, 16], result: ABSENT, note: "digits out of range" },
      { args: [undefined], result: ABSENT },
      { args: ["2.5"], result: ABSENT, note: "text is not a number: use to_number" },
    ],
    impl: round,
  },
  {
    name: "floor",
    params: X,
    returns: "number",
    fallible: false,
    doc: "The largest whole number not above the number.",
    examples: [
      { args: [2.7], result: gives(2) },
      { args: [-2.1], result: gives(-3) },
      { args: [undefined], result: ABSENT },
      { args: ["2.7"], result: ABSENT, note: "not a number" },
    ],
    impl: floor,
  },
  {
    name: "ceil",
    params: X,
    returns: "number",
    fallible: false,
    doc: "The smallest whole number not below the number.",
    examples: [
      { args: [2.1], result: gives(3) },
      { args: [-2.7], result: gives(-2) },
      { args: [-0.5], result: gives(0), note: "never -0" },
      { args: [undefined], result: ABSENT },
      { args: [true], result: ABSENT, note: "not a number" },
    ],
    impl: ceil,
  },
  {
    name: "abs",
    params: X,
    returns: "number",
    fallible: false,
    doc: "The number without its sign.",
    examples: [
      { args: [-12.5], result: gives(12.5) },
      { args: [3], result: gives(3) },
      { args: [undefined], result: ABSENT },
      { args: ["-3"], result: ABSENT, note: "not a number" },
    ],
    impl: abs,
  },
  minMaxSpec("min", "smallest", min, [2, -1]),
  minMaxSpec("max", "largest", max, [7, 3]),
];

function minMaxSpec(name: string, word: string, impl: FunctionSpec["impl"], results: number[]): FunctionSpec {
  return {
    name,
    params: [{ name: "numbers", type: "number", variadic: true }],
    returns: "number",
    fallible: false,
    doc:
      `The ${word} of its arguments. Absent when any argument is absent or not a number, so a missing value is ` +
      "never mistaken for a bound: write `?? 0` (or another value) on an argument that may be missing.",
    examples: [
      { args: [7, 2, 4.5], result: gives(results[0]) },
      { args: [-1, 3], result: gives(results[1]) },
      { args: [5, undefined], result: ABSENT, note: "one argument is absent" },
      { args: ["5", 1], result: ABSENT, note: "text is not a number" },
    ],
    impl,
  };
}
