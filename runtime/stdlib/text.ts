// Text functions: lower, upper, trim, truncate, replace, concat, snake_case.

import { ABSENT, gives } from "./examples.js";
import type { FunctionSpec } from "./spec.js";
import { scalarText, textArg, textResult } from "./values.js";

export function lower(text: unknown): string | undefined {
  return textResult(textArg(text)?.toLowerCase());
}

export function upper(text: unknown): string | undefined {
  return textResult(textArg(text)?.toUpperCase());
}

export function trim(text: unknown): string | undefined {
  return textResult(textArg(text)?.trim());
}

/** Counts code points, not UTF-16 units, so an emoji or accented letter is never cut in half. */
export function truncate(text: unknown, max: unknown): string | undefined {
  const value = textArg(text);
  if (value === undefined || typeof max !== "number" || !Number.isInteger(max) || max < 0) return undefined;
  if (value.length <= max) return textResult(value);
  return textResult(Array.from(value).slice(0, max).join(""));
}

/** Literal search, every occurrence; an empty search matches nothing, so the text comes back unchanged. */
export function replace(text: unknown, search: unknown, replacement: unknown): string | undefined {
  const value = textArg(text);
  const find = textArg(search);
  const put = textArg(replacement);
  if (value === undefined || find === undefined || put === undefined) return undefined;
  return textResult(find === "" ? value : value.split(find).join(put));
}

/** Joins the present parts; absent parts and lists or objects are skipped rather than spoiling the whole. */
export function concat(...parts: unknown[]): string | undefined {
  let joined = "";
  for (const part of parts) joined += scalarText(part) ?? "";
  return textResult(joined);
}

/**
 * Words of letters and digits joined by "_", lower case: what GA4 accepts as an event name (letters, digits and
 * underscores, starting with a letter). Accents are taken off (NFKD), camelCase and acronyms are split, every other
 * character separates words, and whatever comes before the first letter (digits, underscores) is dropped.
 */
export function snake_case(text: unknown): string | undefined {
  const value = textArg(text);
  if (value === undefined) return undefined;
  const words = value
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return textResult(
    words
      .filter((word) => word !== "")
      .join("_")
      .replace(/^[0-9_]+/, ""),
  );
}

export const TEXT_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: "lower",
    params: [{ name: "text", type: "string" }],
    returns: "string",
    fallible: false,
    doc: "The text in lower case (locale-independent).",
    examples: [
      { args: ["Jane.Doe@Example.COM"], result: gives("jane.doe@example.com") },
      { args: [undefined], result: ABSENT },
      { args: [123], result: ABSENT, note: "not text" },
    ],
    impl: lower,
  },
  {
    name: "upper",
    params: [{ name: "text", type: "string" }],
    returns: "string",
    fallible: false,
    doc: "The text in upper case (locale-independent).",
    examples: [
      { args: ["gb"], result: gives("GB") },
      { args: [undefined], result: ABSENT },
      { args: [true], result: ABSENT, note: "not text" },
    ],
    impl: upper,
  },
  {
    name: "trim",
    params: [{ name: "text", type: "string" }],
    returns: "string",
    fallible: false,
    doc: "The text without leading and trailing white space; text that is only white space is absent.",
    examples: [
      { args: ["  Jane  "], result: gives("Jane") },
      { args: ["   "], result: ABSENT, note: "nothing left" },
      { args: [undefined], result: ABSENT },
      { args: [["Jane"]], result: ABSENT, note: "a list is not text" },
    ],
    impl: trim,
  },
  {
    name: "truncate",
    params: [
      { name: "text", type: "string" },
      { name: "max", type: "number" },
    ],
    returns: "string",
    fallible: false,
    doc:
      "The first `max` characters of the text (counted as Unicode code points, so no character is split). " +
      "`max` must be a whole number of 0 or more, otherwise the result is absent.",
    examples: [
      { args: ["Head of Marketing", 7], result: gives("Head of") },
      { args: ["short", 10], result: gives("short") },
      { args: ["naïve café", 4], result: gives("naïv"), note: "accented letters count once" },
      { args: ["text", 0], result: ABSENT, note: "nothing left" },
      { args: [undefined, 5], result: ABSENT },
      { args: [12345, 3], result: ABSENT, note: "a number is not text" },
      { args: ["text", "3"], result: ABSENT, note: "max is not a number" },
    ],
    impl: truncate,
  },
  {
    name: "replace",
    params: [
      { name: "text", type: "string" },
      { name: "search", type: "string" },
      { name: "replacement", type: "string" },
    ],
    returns: "string",
    fallible: false,
    doc:
      "The text with every occurrence of `search` replaced by `replacement`. The search is literal text, not a " +
      "pattern; an empty search leaves the text unchanged.",
    examples: [
      { args: ["07700 900 123", " ", ""], result: gives("07700900123") },
      { args: ["a.b.c", ".", "-"], result: gives("a-b-c"), note: "literal, not a pattern" },
      { args: ["xx", "x", ""], result: ABSENT, note: "nothing left" },
      { args: [undefined, "a", "b"], result: ABSENT },
      { args: [42, "4", "5"], result: ABSENT, note: "not text" },
    ],
    impl: replace,
  },
  {
    name: "concat",
    params: [{ name: "parts", type: "any", variadic: true }],
    returns: "string",
    fallible: false,
    doc:
      "Joins the present parts into one text; numbers and booleans join as their text, absent parts and lists or " +
      "objects are skipped. Absent when nothing is left.",
    examples: [
      { args: ["Jane", " ", "Doe"], result: gives("Jane Doe") },
      { args: ["order-", 42], result: gives("order-42") },
      { args: ["Jane", undefined, "!"], result: gives("Jane!"), note: "absent parts are skipped" },
      { args: [undefined, undefined], result: ABSENT },
      { args: [{ a: 1 }], result: ABSENT, note: "an object is not text" },
    ],
    impl: concat,
  },
  {
    name: "snake_case",
    params: [{ name: "text", type: "string" }],
    returns: "string",
    fallible: false,
    doc:
      "The text as lower-case words joined by `_`, fit for a GA4 event name (letters, digits and underscores, " +
      "starting with a letter). Accents are taken off; camelCase and acronyms are split into words; any other " +
      "character (space, punctuation, a letter outside a–z such as `ß` or `정`) separates words and is dropped; " +
      "digits and underscores before the first letter are dropped. Absent when no letter is left. GA4 also limits " +
      "names to 40 characters: `truncate(snake_case(event), 40)`.",
    examples: [
      { args: ["Order Completed"], result: gives("order_completed") },
      { args: ["checkoutStepViewed"], result: gives("checkout_step_viewed"), note: "camelCase" },
      { args: ["HTMLForm Submitted"], result: gives("html_form_submitted"), note: "acronym" },
      { args: ["Café / Résumé -- v2"], result: gives("cafe_resume_v2"), note: "accents off, punctuation dropped" },
      { args: ["404 Page Viewed"], result: gives("page_viewed"), note: "a leading digit is dropped" },
      { args: ["__"], result: ABSENT, note: "no letter" },
      { args: [undefined], result: ABSENT },
      { args: [42], result: ABSENT, note: "not text" },
    ],
    impl: snake_case,
  },
];
