// Encoding functions beyond their examples: round trips through Buffer and URL decoding, lone surrogates included.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base64, base64url, basic_auth, url_encode } from "../../runtime/stdlib/index.js";

// What UTF-8 can carry: a lone surrogate becomes U+FFFD, in Buffer and in these functions alike.
const asUtf8 = (text: string) => Buffer.from(text, "utf8").toString("utf8");

describe("lone surrogates", () => {
  it("are encoded as U+FFFD rather than throwing", () => {
    expect(url_encode("a\uD800b")).toBe("a%EF%BF%BDb");
    expect(base64("\uDC00")).toBe(Buffer.from("\uFFFD").toString("base64"));
  });
});

describe("properties", () => {
  const text = fc.string({ unit: "binary", minLength: 1 });

  it("base64 and base64url decode back to the text's UTF-8", () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(Buffer.from(base64(value) as string, "base64").toString("utf8")).toBe(asUtf8(value));
        expect(Buffer.from(base64url(value) as string, "base64url").toString("utf8")).toBe(asUtf8(value));
        expect(base64(value)).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
        expect(base64url(value)).toMatch(/^[A-Za-z0-9_-]+$/);
      }),
      { numRuns: 300 },
    );
  });

  it("url_encode decodes back and leaves only URL-safe characters", () => {
    fc.assert(
      fc.property(text, (value) => {
        const encoded = url_encode(value) as string;
        expect(encoded).toMatch(/^[A-Za-z0-9\-_.!~*'()%]+$/);
        expect(decodeURIComponent(encoded)).toBe(asUtf8(value));
      }),
      { numRuns: 300 },
    );
  });

  it("basic_auth is 'Basic ' and user:password in Base64", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (user, password) => {
        const header = basic_auth(user, password) as string;
        expect(header.startsWith("Basic ")).toBe(true);
        expect(Buffer.from(header.slice(6), "base64").toString("utf8")).toBe(asUtf8(`${user}:${password}`));
      }),
      { numRuns: 300 },
    );
  });
});
