// Ids written as JSON numbers beyond 2^53 keep their exact digits instead of being rounded by JSON.parse.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exactIds, parseEventJson } from "../../runtime/exact-ids.js";

describe("parseEventJson", () => {
  it("keeps the digits of messageId, userId and anonymousId beyond 2^53, as text", () => {
    const event = parseEventJson(
      '{"messageId": 123456789012345678901234567890, "userId":9007199254740993, "anonymousId" : -98765432109876543210}',
    );
    expect(event).toEqual({
      messageId: "123456789012345678901234567890",
      userId: "9007199254740993",
      anonymousId: "-98765432109876543210",
    });
  });

  it("leaves safe integers, other fields and text that only looks like an id alone", () => {
    const text =
      '{"messageId": 42, "count": 123456789012345678901234567890, "note": "\\"userId\\": 123456789012345678901234567890"}';
    expect(parseEventJson(text)).toEqual(JSON.parse(text));
  });

  it("throws JSON.parse's error for text that is not JSON", () => {
    expect(() => parseEventJson('{"messageId": 12345678901234567890')).toThrow(SyntaxError);
  });

  it("quotes exactly the ids the whole-text pattern quotes, whatever surrounds them", () => {
    // The pattern as it was applied to every text before the key scan was put in front of it.
    const LONG_ID = /(?<!\\)"(messageId|userId|anonymousId)"(\s*:\s*)(-?\d{16,})(?![\d.eE])/g;
    const reference = (text: string) =>
      text.replace(LONG_ID, (whole, key: string, colon: string, digits: string) =>
        Number.isSafeInteger(Number(digits)) ? whole : `"${key}"${colon}"${digits}"`,
      );
    const space = fc.constantFrom("", " ", "\u00a0", "\n", "\u2028");
    // A key, a colon and a number written the ways an id may be, among pieces that only look like parts of one.
    const idLike = fc
      .tuple(
        fc.constantFrom('"messageId"', '"userId"', '"anonymousId"', '"id"', '\\"userId"'),
        space,
        fc.constantFrom(":", ""),
        space,
        fc.constantFrom("", "-"),
        fc.integer({ min: 1, max: 24 }),
        fc.constantFrom("", ".5", "e3", ",", "}"),
      )
      .map(([key, a, colon, b, minus, n, tail]) => `${key}${a}${colon}${b}${minus}${"9".repeat(n)}${tail}`);
    const pieces = fc.oneof(idLike, fc.constantFrom(":", " ", "-", "1234567890", ",", "{", "}", '"'));
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 14 }), (parts) => {
        const text = parts.join("");
        expect(exactIds(text)).toBe(reference(text));
      }),
      { numRuns: 5000, seed: 16 },
    );
  });
});
