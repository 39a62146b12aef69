// Conversion functions: to_string, to_number (fallible) and to_bool.

import { Failure } from "../values.js";
import { ABSENT, FAILS, gives } from "./examples.js";
import type { FunctionSpec } from "./spec.js";
import { scalarText, textResult } from "./values.js";

// Plain decimal notation only: Number() alone would also accept "0x1F", "Infinity" and "" (as 0).
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function to_string(value: unknown): string | undefined {
  return textResult(scalarText(value));
}

/**
 * A number as it is, or text holding a decimal number (surrounding white space allowed). Other text fails; the reason
 * does not quote the text, because outcomes are logged and event values may be personal data.
 */
export function to_number(value: unknown): number | Failure | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  const parsed = DECIMAL.test(text) ? Number(text) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : new Failure("text is not a decimal number");
}

const TRUE_WORDS = new Set(["true", "yes", "1"]);
const FALSE_WORDS = new Set(["false", "no", "0"]);

/** Booleans, the words true/false/yes/no/1/0 in any case, and the numbers 1 and 0; anything else is absent. */
export function to_bool(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  const word = scalarText(value)?.trim().toLowerCase();
  if (word === undefined) return undefined;
  if (TRUE_WORDS.has(word)) return true;
  return FALSE_WORDS.has(word) ? false : undefined;
}

export const CONVERT_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: "to_string",
    params: [{ name: "value", type: "any" }],
    returns: "string",
    fallible: false,
    doc: "Text as it is; a number or boolean as its JSON text. Lists, objects and null are absent.",
    examples: [
      { args: [42], result: gives("42") },
      { args: [true], result: gives("true") },
      { args: ["Jane"], result: gives("Jane") },
      { args: [undefined], result: ABSENT },
      { args: [["a"]], result: ABSENT, note: "a list has no single text" },
    ],
    impl: to_string,
  },
  {
    name: "to_number",
    params: [{ name: "value", type: "any" }],
    returns: "number",
    fallible: true,
    doc:
      'A number as it is, or text holding a decimal number such as `"12.5"` or `" -3 "`. Fails for text that is ' +
      'not a decimal number (including `"0x1F"` and `"Infinity"`); booleans, lists and objects are absent.',
    examples: [
      { args: ["12.5"], result: gives(12.5) },
      { args: [7], result: gives(7) },
      { args: ["twelve"], result: FAILS },
      { args: [undefined], result: ABSENT },
      { args: [true], result: ABSENT, note: "a boolean is not converted" },
    ],
    impl: to_number,
  },
  {
    name: "to_bool",
    params: [{ name: "value", type: "any" }],
    returns: "boolean",
    fallible: false,
    doc:
      'A boolean as it is; the words "true", "yes", "1" and "false", "no", "0" (any case, surrounding space ' +
      "allowed) and the numbers 1 and 0 as booleans. Anything else is absent.",
    examples: [
      { args: ["Yes"], result: gives(true) },
      { args: ["0"], result: gives(false) },
      { args: [false], result: gives(false) },
      { args: ["maybe"], result: ABSENT, note: "not a yes/no word" },
      { args: [undefined], result: ABSENT },
      { args: [{}], result: ABSENT, note: "an object is not a boolean" },
    ],
    impl: to_bool,
  },
];
