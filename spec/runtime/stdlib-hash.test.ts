// Hashing functions beyond their examples: the vendors' published vectors end to end, and the shape of every digest.

import { createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  digits,
  e164,
  hash_email,
  hash_phone,
  hmac_sha256,
  normalize_name,
  sha256,
} from "../../runtime/stdlib/index.js";

describe("Meta Conversions API examples (customer information parameters)", () => {
  it.each([
    ["Mary", "6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec"],
    ["정", "8fa8cd9c440be61d0151429310034083132b35975c4bea67fdd74158eb51db14"],
    ["Valéry", "08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c"],
    ["Vale\u0301ry", "08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c"],
  ])("fn %s hashes to Meta's digest", (name, digest) => {
    expect(sha256(normalize_name(name))).toBe(digest);
  });

  it("hashes the US number (650)555-1212 once it is in E.164", () => {
    const phone = e164("(650)555-1212", "US");
    expect(hash_phone(phone)).toBe("e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176");
  });
});

describe("identity helpers", () => {
  it("digits keeps ASCII digits only", () => {
    expect(digits("٠١٢ 345")).toBe("345");
  });

  it("hash_phone takes 8 to 15 digits", () => {
    expect(hash_phone("+12345678")).toBe(sha256("12345678"));
    expect(hash_phone("+123456789012345")).toBe(sha256("123456789012345"));
  });
});

describe("properties", () => {
  const HEX64 = /^[0-9a-f]{64}$/;
  const text = fc.string({ unit: "binary", minLength: 1 });

  it("every digest is 64 lower-case hex digits, and equals node's", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(sha256(a)).toBe(createHash("sha256").update(a, "utf8").digest("hex"));
        expect(hmac_sha256(a, b)).toBe(createHmac("sha256", Buffer.from(a, "utf8")).update(b, "utf8").digest("hex"));
        for (const digest of [sha256(a), hmac_sha256(a, b), hash_email(a), hash_phone(a)]) {
          if (digest !== undefined) expect(digest).toMatch(HEX64);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("hashes any UTF-16 text, lone surrogates included, as the bytes Buffer would encode", () => {
    const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 80 });
    fc.assert(
      fc.property(codeUnits, (units) => {
        const text = String.fromCharCode(...units);
        if (text === "") return;
        expect(sha256(text)).toBe(createHash("sha256").update(Buffer.from(text, "utf8")).digest("hex"));
      }),
      { numRuns: 300 },
    );
    expect(sha256("a\uD800b")).toBe(sha256("a\uFFFDb"));
  });

  it("hash_email ignores case and surrounding white space", () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        expect(hash_email(`  ${email.toUpperCase()}\t`)).toBe(hash_email(email.toLowerCase()));
      }),
      { numRuns: 200 },
    );
  });

  it("normalize_name gives only lower-case letters and marks, and is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (name) => {
        const once = normalize_name(name);
        if (once === undefined) return;
        expect(once).toMatch(/^[\p{L}\p{M}]+$/u);
        expect(normalize_name(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});
