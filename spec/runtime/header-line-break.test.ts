// A header value from the event that holds CR or LF: an invalid_request outcome naming the header, never a request.

import { describe, expect, it } from "vitest";
import { loadPresetSource } from "../../loader/load-preset.js";

const SOURCE = `integration demo "Demo"

preset p
  on "Signed Up"
  send POST "https://api.example.test/v1/people"
    header "X-Name" <- traits.name
  name <- traits.name
`;

describe("a line break in a header value at run time", () => {
  it.each(["a\r\nX-Evil: 1", "a\nb", "a\rb"])("is an invalid_request error naming the header (%j)", async (name) => {
    const preset = await loadPresetSource(SOURCE, "headers.map");
    const outcome = preset.transform({ type: "track", event: "Signed Up", messageId: "m1", traits: { name } }, {});
    expect(outcome).toEqual({
      messageId: "m1",
      outcome: "error",
      code: "invalid_request",
      message: 'event m1: header "X-Name" of demo/p holds a line break',
    });
  });

  it("sends a value without one", async () => {
    const preset = await loadPresetSource(SOURCE, "headers.map");
    const outcome = preset.transform(
      { type: "track", event: "Signed Up", messageId: "m1", traits: { name: "a b" } },
      {},
    );
    expect(outcome).toMatchObject({ outcome: "send", request: { headers: { "X-Name": "a b" } } });
  });
});
