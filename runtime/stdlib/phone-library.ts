// libphonenumber-js with its pattern matcher cached: the library builds a `new RegExp` for every metadata pattern on
// every parse (helpers/matchesEntirely), which was 30–45% of e164's time. Node only; the playground's browser bundle
// swaps this file for phone-library.browser.ts, the plain library.
//
// How: the library's CommonJS build reads `matchesEntirely` through its module's `exports.default` at each call, so
// replacing that one export with a caching equivalent changes no behaviour and patches no file on disk. The ESM build
// binds its imports immutably, which is why this module loads the CommonJS one. spec/runtime/phone-library.test.ts
// holds the library's own matchesEntirely cases and compares the two builds' answers.

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as Library from "libphonenumber-js/max";

const require = createRequire(import.meta.url);

/** A RegExp per pattern text; the metadata holds a few thousand patterns, so the map is bounded by the library. */
const ANCHORED = new Map<string, RegExp>();

/** The library's matchesEntirely, with the anchored RegExp built once per pattern instead of once per call. */
export function matchesEntirely(text: string | undefined, pattern: string): boolean {
  let anchored = ANCHORED.get(pattern);
  if (anchored === undefined) {
    anchored = new RegExp("^(?:" + pattern + ")$");
    ANCHORED.set(pattern, anchored);
  }
  return anchored.test(text || "");
}

function loadCachedLibrary(): typeof Library {
  const entry = require.resolve("libphonenumber-js/max");
  const helper = join(dirname(dirname(entry)), "build", "helpers", "matchesEntirely.js");
  const exported = require(helper) as { default?: unknown };
  // A future version that moved the helper loses the cache, never correctness.
  if (typeof exported.default === "function") exported.default = matchesEntirely;
  return require("libphonenumber-js/max") as typeof Library;
}

const library = loadCachedLibrary();

export const parsePhoneNumberFromString = library.parsePhoneNumberFromString;
export const isSupportedCountry = library.isSupportedCountry;
export type CountryCode = Library.CountryCode;
