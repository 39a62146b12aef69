// Text tests: starts_with, ends_with, contains and is_currency_code. Fixed checks, never a pattern from .map text
// (no regular expression reaches a preset: nothing is evaluated, and no input can make a check slow).

import { gives } from "./examples.js";
import type { FunctionSpec } from "./spec.js";
import { textArg } from "./values.js";

/** Both arguments as text, or undefined when either is absent, empty or not text. */
function texts(text: unknown, part: unknown): [string, string] | undefined {
  const value = textArg(text);
  const search = textArg(part);
  return value === undefined || search === undefined || value === "" || search === "" ? undefined : [value, search];
}

export function starts_with(text: unknown, prefix: unknown): boolean {
  const pair = texts(text, prefix);
  return pair !== undefined && pair[0].startsWith(pair[1]);
}

export function ends_with(text: unknown, suffix: unknown): boolean {
  const pair = texts(text, suffix);
  return pair !== undefined && pair[0].endsWith(pair[1]);
}

export function contains(text: unknown, part: unknown): boolean {
  const pair = texts(text, part);
  return pair !== undefined && pair[0].includes(pair[1]);
}

/** Exactly three letters A–Z, the shape of an ISO 4217 code; case matters (`upper(x)` first to accept "usd"). */
export function is_currency_code(text: unknown): boolean {
  const value = textArg(text);
  if (value === undefined || value.length !== 3) return false;
  for (let i = 0; i < 3; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 65 || code > 90) return false;
  }
  return true;
}

const NEVER_ABSENT = "Never absent: false when either argument is absent, empty or not text.";

function partTest(
  name: string,
  what: string,
  verb: string,
  impl: (a: unknown, b: unknown) => boolean,
  yes: string[],
): FunctionSpec {
  return {
    name,
    params: [
      { name: "text", type: "string" },
      { name: what, type: "string" },
    ],
    returns: "boolean",
    fallible: false,
    doc: `True when the text ${verb} \`${what}\` (literal text, case-sensitive). ${NEVER_ABSENT}`,
    examples: [
      { args: yes, result: gives(true) },
      { args: [yes[0], yes[1].toUpperCase()], result: gives(false), note: "case-sensitive" },
      { args: [undefined, yes[1]], result: gives(false), note: "absent text" },
      { args: [42, "4"], result: gives(false), note: "not text" },
    ],
    impl,
  };
}

export const TEXT_TEST_FUNCTIONS: readonly FunctionSpec[] = [
  partTest("starts_with", "prefix", "starts with", starts_with, ["fb.1.1596403881668.1116446470", "fb."]),
  partTest("ends_with", "suffix", "ends with", ends_with, ["jane@example.com", ".com"]),
  partTest("contains", "part", "contains", contains, ["jane@example.com", "example"]),
  {
    name: "is_currency_code",
    params: [{ name: "text", type: "string" }],
    returns: "boolean",
    fallible: false,
    doc:
      "True when the text is three capital letters A–Z, the shape of an ISO 4217 currency code (whether the code " +
      "is assigned is not checked). Never absent: false for anything else.",
    examples: [
      { args: ["EUR"], result: gives(true) },
      { args: ["usd"], result: gives(false), note: "lower case: write is_currency_code(upper(x))" },
      { args: ["EURO"], result: gives(false) },
      { args: ["€"], result: gives(false) },
      { args: [undefined], result: gives(false) },
      { args: [978], result: gives(false), note: "not text" },
    ],
    impl: is_currency_code,
  },
];
