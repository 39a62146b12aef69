// A secret sent in a URL slot, a query value, a header or the body never appears in the redacted outcome.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadPresetSource } from "../../loader/load-preset.js";
import { redactOutcome, secretValues } from "../../runtime/redact.js";

const SOURCE = `integration demo "Demo"
  setting key: secret required
  setting account: string

preset p
  on "Signed Up"
  send POST "https://api.example.test/v1/{settings.key}/people"
    header "X-Key" <- settings.key
    header "X-Other" <- "id " + settings.key
    query "key" <- settings.key
  key    <- settings.key
  joined <- "a" + settings.key + "b"
  list   <- [settings.key]
  nested.deep <- settings.key
`;

const event = { type: "track", event: "Signed Up", messageId: "m1" };
// Secrets of 8 to 24 characters from an alphabet rich in URL and JSON specials; the prefix keeps them from being
// part of the "[redacted]" marker itself.
const ALPHABET = [..."abcXYZ019/?&=+%#. é€-_~!*()[]{}:;,@$", '"', "\\", "'"];
const secretArb = fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 5, maxLength: 21 }).map((s) => `sk_${s}`);

describe("redacting secrets in an outcome", () => {
  it("hides an arbitrary secret everywhere: URL path and query (raw and encoded), headers, body strings", async () => {
    const preset = await loadPresetSource(SOURCE, "secrets.map");
    await fc.assert(
      fc.asyncProperty(secretArb, async (key) => {
        const settings = { key };
        const outcome = preset.transform(event, settings);
        expect(outcome.outcome).toBe("send");
        const shown = JSON.stringify(redactOutcome(outcome, preset.meta, secretValues(preset.meta, settings)));
        for (const form of [key, encodeURIComponent(key), JSON.stringify(key).slice(1, -1)]) {
          expect(shown.toLowerCase()).not.toContain(form.toLowerCase());
        }
        expect(shown).toContain("[redacted]");
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it("keeps everything else as it was", async () => {
    const preset = await loadPresetSource(SOURCE, "secrets.map");
    const settings = { key: "sk_live_0123456789" };
    const shown = redactOutcome(preset.transform(event, settings), preset.meta, secretValues(preset.meta, settings));
    expect(shown).toMatchObject({
      outcome: "send",
      request: {
        url: "https://api.example.test/v1/[redacted]/people?key=[redacted]",
        headers: { "X-Key": "[redacted]", "X-Other": "id [redacted]" },
        body: { key: "[redacted]", joined: "a[redacted]b", list: ["[redacted]"], nested: { deep: "[redacted]" } },
      },
    });
  });
});
