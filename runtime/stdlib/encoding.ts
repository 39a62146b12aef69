// Encoding functions: base64, base64url, url_encode and basic_auth, over the text's UTF-8 bytes.

import { ABSENT, gives } from "./examples.js";
import type { FunctionSpec } from "./spec.js";
import { textArg, textResult } from "./values.js";

// A lone surrogate has no UTF-8 form: Buffer writes it as U+FFFD and encodeURIComponent throws, so every function
// here replaces it with U+FFFD first and the two agree. The inputs may be secrets: nothing here reports them.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD");
}

/** Standard alphabet (RFC 4648 section 4) with `=` padding. */
export function base64(text: unknown): string | undefined {
  const value = textArg(text);
  return value === undefined ? undefined : textResult(Buffer.from(wellFormed(value), "utf8").toString("base64"));
}

/** URL-safe alphabet (RFC 4648 section 5) without padding, the form JWTs (RFC 7515) use. */
export function base64url(text: unknown): string | undefined {
  const value = textArg(text);
  return value === undefined ? undefined : textResult(Buffer.from(wellFormed(value), "utf8").toString("base64url"));
}

export function url_encode(text: unknown): string | undefined {
  const value = textArg(text);
  return value === undefined ? undefined : textResult(encodeURIComponent(wellFormed(value)));
}

/**
 * An HTTP Basic `Authorization` value (RFC 7617). Either part may be empty text (Stripe takes the key as the user and
 * no password), but not absent: a missing credential must not turn into a request that merely fails to log in.
 */
export function basic_auth(user: unknown, password: unknown): string | undefined {
  const name = textArg(user);
  const secret = textArg(password);
  if (name === undefined || secret === undefined) return undefined;
  return "Basic " + Buffer.from(wellFormed(`${name}:${secret}`), "utf8").toString("base64");
}

const TEXT = [{ name: "text", type: "string" }] as const;

export const ENCODING_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: "base64",
    params: TEXT,
    returns: "string",
    fallible: false,
    doc: "The Base64 encoding of the text's UTF-8 bytes: standard alphabet (`+`, `/`) with `=` padding.",
    examples: [
      { args: ["Hello, World!"], result: gives("SGVsbG8sIFdvcmxkIQ==") },
      { args: ["é?>"], result: gives("w6k/Pg=="), note: "UTF-8 bytes; standard alphabet" },
      { args: [""], result: ABSENT, note: "nothing to encode" },
      { args: [undefined], result: ABSENT },
      { args: [42], result: ABSENT, note: "not text" },
    ],
    impl: base64,
  },
  {
    name: "base64url",
    params: TEXT,
    returns: "string",
    fallible: false,
    doc:
      "The Base64url encoding of the text's UTF-8 bytes: URL-safe alphabet (`-`, `_`) and no padding, as in " +
      "JSON Web Tokens.",
    examples: [
      { args: ["Hello, World!"], result: gives("SGVsbG8sIFdvcmxkIQ") },
      { args: ["é?>"], result: gives("w6k_Pg"), note: "- and _ instead of + and /" },
      { args: [undefined], result: ABSENT },
      { args: [true], result: ABSENT, note: "not text" },
    ],
    impl: base64url,
  },
  {
    name: "url_encode",
    params: TEXT,
    returns: "string",
    fallible: false,
    doc:
      "The text percent-encoded as one URL component (JavaScript's `encodeURIComponent`): everything but letters, " +
      "digits and `-_.!~*'()` is encoded as UTF-8 bytes.",
    examples: [
      { args: ["a b&c=d/é"], result: gives("a%20b%26c%3Dd%2F%C3%A9") },
      { args: ["Order-42"], result: gives("Order-42"), note: "nothing to encode" },
      { args: [undefined], result: ABSENT },
      { args: [["a b"]], result: ABSENT, note: "a list is not text" },
    ],
    impl: url_encode,
  },
  {
    name: "basic_auth",
    params: [
      { name: "user", type: "string" },
      { name: "password", type: "string" },
    ],
    returns: "string",
    fallible: false,
    doc:
      'An HTTP Basic `Authorization` header value: `"Basic "` and the Base64 of `user:password` in UTF-8. Either ' +
      "may be empty text (some APIs take the key as the user and no password); absent when either is absent.",
    examples: [
      { args: ["Aladdin", "open sesame"], result: gives("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="), note: "RFC 7617" },
      { args: ["sk_test_123", ""], result: gives("Basic c2tfdGVzdF8xMjM6"), note: "empty password" },
      { args: ["site", undefined], result: ABSENT, note: "a missing secret is not an empty one" },
      { args: [undefined, "key"], result: ABSENT },
      { args: [1234, "key"], result: ABSENT, note: "user is not text" },
    ],
    impl: basic_auth,
  },
];
