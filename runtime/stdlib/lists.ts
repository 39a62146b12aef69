// List functions: join and split.

import { ABSENT, gives } from "./examples.js";
import type { FunctionSpec } from "./spec.js";
import { scalarText, textArg, textResult } from "./values.js";

/** Joins the list's text, number and boolean items; other items (absent, null, lists, objects) are skipped. */
export function join(list: unknown, separator: unknown): string | undefined {
  const glue = textArg(separator);
  if (!Array.isArray(list) || glue === undefined) return undefined;
  const parts: string[] = [];
  for (const item of list) {
    const text = textResult(scalarText(item));
    if (text !== undefined) parts.push(text);
  }
  return textResult(parts.join(glue));
}

/**
 * Splits text at every literal occurrence of the separator; an empty separator splits into characters (code points).
 * Empty parts are dropped, as a list literal drops absent items, and a list left empty is absent.
 */
export function split(text: unknown, separator: unknown): string[] | undefined {
  const value = textArg(text);
  const at = textArg(separator);
  if (value === undefined || at === undefined) return undefined;
  const parts = (at === "" ? Array.from(value) : value.split(at)).filter((part) => part !== "");
  return parts.length === 0 ? undefined : parts;
}

export const LIST_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: "join",
    params: [
      { name: "list", type: "list" },
      { name: "separator", type: "string" },
    ],
    returns: "string",
    fallible: false,
    doc:
      "The list's items joined with the separator. Text, numbers and booleans join as their text; absent, empty, " +
      "list and object items are skipped. Absent when nothing is left.",
    examples: [
      { args: [["web", "lead"], ", "], result: gives("web, lead") },
      { args: [["a", "", null, 3], "-"], result: gives("a-3"), note: "empty and null items are skipped" },
      { args: [[], ","], result: ABSENT, note: "nothing to join" },
      { args: [undefined, ","], result: ABSENT },
      { args: ["web", ","], result: ABSENT, note: "not a list" },
    ],
    impl: join,
  },
  {
    name: "split",
    params: [
      { name: "text", type: "string" },
      { name: "separator", type: "string" },
    ],
    returns: "list",
    fallible: false,
    doc:
      "The parts of the text between occurrences of the separator (literal text, not a pattern). Empty parts are " +
      "dropped; an empty separator splits into characters. Absent when no part is left.",
    examples: [
      { args: ["web,lead", ","], result: gives(["web", "lead"]) },
      { args: ["a,,b,", ","], result: gives(["a", "b"]), note: "empty parts are dropped" },
      { args: [",", ","], result: ABSENT, note: "no part left" },
      { args: [undefined, ","], result: ABSENT },
      { args: [12, ","], result: ABSENT, note: "not text" },
    ],
    impl: split,
  },
];
