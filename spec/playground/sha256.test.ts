// The browser build's pure-JS SHA-256 and HMAC-SHA-256 give node:crypto's digests, on random text and bytes.

import { createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as shim from "../../web/playground/shims/crypto.js";
import { hmacSha256Bytes, sha256Bytes, toHex } from "../../web/playground/shims/sha256.js";

describe("the browser SHA-256", () => {
  it("matches the FIPS 180-4 example and the empty input", () => {
    expect(toHex(sha256Bytes(new TextEncoder().encode("abc")))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(toHex(sha256Bytes(new Uint8Array()))).toBe(createHash("sha256").digest("hex"));
  });

  it("hashes random bytes as node:crypto does, across block boundaries", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(toHex(sha256Bytes(bytes))).toBe(createHash("sha256").update(bytes).digest("hex"));
      }),
      { numRuns: 300 },
    );
  });

  it("hashes random Unicode text as the stdlib's node:crypto call does", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 120 }), (text) => {
        expect(shim.createHash("sha256").update(text).digest("hex")).toBe(
          createHash("sha256").update(text, "utf8").digest("hex"),
        );
      }),
    );
  });

  it("gives crypto.hash's one-shot digest, which the stdlib's sha256 calls", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 120 }), (text) => {
        expect(shim.hash("sha256", text, "hex")).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
      }),
    );
  });

  it("computes HMAC-SHA-256 as node:crypto does, for short and over-long keys", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 150 }), fc.string({ maxLength: 200 }), (key, text) => {
        expect(shim.createHmac("sha256", key).update(text).digest("hex")).toBe(
          createHmac("sha256", key).update(text, "utf8").digest("hex"),
        );
      }),
    );
    const key = new Uint8Array(100).fill(7);
    expect(toHex(hmacSha256Bytes(key, new Uint8Array([1, 2])))).toBe(
      createHmac("sha256", key)
        .update(new Uint8Array([1, 2]))
        .digest("hex"),
    );
  });

  it("refuses an algorithm it does not implement instead of giving a wrong digest", () => {
    expect(() => shim.createHash("md5")).toThrow(/only sha256/);
  });
});
