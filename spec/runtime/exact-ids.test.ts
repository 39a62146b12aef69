// Ids written as JSON numbers beyond 2^53 keep their exact digits instead of being rounded by JSON.parse.

import { describe, expect, it } from "vitest";
import { parseEventJson } from "../../runtime/exact-ids.js";

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
});
