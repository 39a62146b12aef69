// Hash functions: sha256.

import { createHash } from "node:crypto";
import { ABSENT, gives } from "./examples.js";
import type { FunctionSpec } from "./spec.js";
import { textArg } from "./values.js";

/** Lower-case hex SHA-256 of the text's UTF-8 bytes. The text is hashed exactly as given: normalise it first. */
export function sha256(text: unknown): string | undefined {
  const value = textArg(text);
  return value === undefined ? undefined : createHash("sha256").update(value, "utf8").digest("hex");
}

export const HASH_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: "sha256",
    params: [{ name: "text", type: "string" }],
    returns: "string",
    fallible: false,
    doc:
      "The lower-case hex SHA-256 digest of the text's UTF-8 bytes. The text is hashed exactly as given, so trim " +
      "and lower-case an email first when the destination expects that.",
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
];
