// URL functions: url_param.

import { ABSENT, gives } from "./examples.js";
import type { FunctionSpec } from "./spec.js";
import { textArg, textResult } from "./values.js";

// Resolving against a placeholder base lets relative values such as context.page.path + search ("/pricing?a=1") or a
// bare query ("?a=1") be read like full URLs; the base never appears in a result.
const RELATIVE_BASE = "http://relative.invalid/";

/** The decoded value of the first query parameter `name` in the URL; absent when missing or empty. */
export function url_param(url: unknown, name: unknown): string | undefined {
  const text = textArg(url);
  const key = textArg(name);
  if (text === undefined || key === undefined || key === "") return undefined;
  try {
    return textResult(new URL(text, RELATIVE_BASE).searchParams.get(key) ?? undefined);
  } catch {
    return undefined;
  }
}

export const URL_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: "url_param",
    params: [
      { name: "url", type: "string" },
      { name: "name", type: "string" },
    ],
    returns: "string",
    fallible: false,
    doc:
      "The decoded value of query parameter `name` in a URL (absolute, or relative such as `/path?a=1`). The first " +
      "one wins when it repeats; absent when it is missing or empty, or the text is not a URL.",
    examples: [
      { args: ["https://example.com/?utm_source=google&utm_medium=cpc", "utm_source"], result: gives("google") },
      { args: ["/pricing?plan=pro%20max", "plan"], result: gives("pro max"), note: "relative URL, decoded" },
      { args: ["https://example.com/?a=", "a"], result: ABSENT, note: "empty value" },
      { args: ["https://example.com/", "a"], result: ABSENT, note: "missing parameter" },
      { args: [undefined, "a"], result: ABSENT },
      { args: [42, "a"], result: ABSENT, note: "not text" },
    ],
    impl: url_param,
  },
];
