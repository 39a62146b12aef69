// Hash functions: sha256 and hmac_sha256, lower-case hex of UTF-8 bytes.

import { createHmac, hash } from "node:crypto";
import { ABSENT, gives } from "./examples.js";
import type { FunctionSpec } from "./spec.js";
import { textArg } from "./values.js";

/** Lower-case hex SHA-256 of the text's UTF-8 bytes. The text is hashed exactly as given: normalise it first. */
export function sha256(text: unknown): string | undefined {
  const value = textArg(text);
  return value === undefined ? undefined : sha256Hex(value);
}

/**
 * Shared with the identity hashes, which normalise first. A lone surrogate is hashed as U+FFFD, as UTF-8 encodes it.
 * One-shot `crypto.hash` (Node 20.12 on): no Hash object per call, less than half the time of createHash's three.
 */
export function sha256Hex(text: string): string {
  return hash("sha256", text, "hex");
}

/**
 * HMAC-SHA256 of the message under the key, lower-case hex: the form Slack's and Stripe's request signatures use.
 * The key is usually a secret setting; nothing here echoes it, and an empty key or message is allowed (both are
 * valid HMAC input, and written literally they are a deliberate choice).
 */
export function hmac_sha256(key: unknown, message: unknown): string | undefined {
  const secret = textArg(key);
  const text = textArg(message);
  if (secret === undefined || text === undefined) return undefined;
  return createHmac("sha256", Buffer.from(secret, "utf8")).update(text, "utf8").digest("hex");
}

export const HASH_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: "sha256",
    params: [{ name: "text", type: "string" }],
    returns: "string",
    sha256Hex: true,
    fallible: false,
    doc:
      "The lower-case hex SHA-256 digest of the text's UTF-8 bytes. The text is hashed exactly as given, so trim " +
      "and lower-case an email first when the destination expects that (or use `hash_email`).",
    examples: [
      {
        args: ["jane.doe@example.com"],
        result: gives("86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d"),
      },
      {
        args: ["é"],
        result: gives("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c"),
        note: "UTF-8 bytes",
      },
      { args: ["abc"], result: gives("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") },
      { args: [undefined], result: ABSENT },
      { args: [12], result: ABSENT, note: "not text" },
    ],
    impl: sha256,
  },
  {
    name: "hmac_sha256",
    params: [
      { name: "key", type: "string" },
      { name: "message", type: "string" },
    ],
    returns: "string",
    sha256Hex: true,
    fallible: false,
    doc:
      "The HMAC-SHA256 of `message` under `key` (both as UTF-8), as lower-case hex — the signature form of Slack " +
      "and Stripe webhooks. `key` is typically a secret setting. An empty key or message is allowed.",
    examples: [
      {
        args: ["key", "The quick brown fox jumps over the lazy dog"],
        result: gives("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"),
        note: "the test vector of Wikipedia's HMAC article",
      },
      {
        args: ["", ""],
        result: gives("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"),
        note: "empty key and message",
      },
      { args: [undefined, "message"], result: ABSENT },
      { args: ["key", undefined], result: ABSENT },
      { args: [42, "message"], result: ABSENT, note: "key is not text" },
    ],
    impl: hmac_sha256,
  },
];
