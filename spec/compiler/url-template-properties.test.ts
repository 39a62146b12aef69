// Property: whatever the event puts in URL slots, the request keeps the template's scheme, host, port and number of
// path segments, and its origin is the SendSpec's origin (delivery refuses any other).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadPresetSource } from "../../loader/load-preset.js";

const SEED = Number(process.env.FC_SEED ?? 42);
const RUNS = Number(process.env.FC_RUNS ?? 100);

const SOURCE = `integration demo "Demo"
  setting account: string

preset p
  on track
  let id = traits.id
  send POST "https://API.Example.test:8443/v1/{settings.account}/people/{id}/{properties.kind}/x?fixed=1"
    query "q" <- traits.q
  name <- event
`;

const value = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 20 }),
  fc.constantFrom(".", "..", "/", "?", "#", "@evil.com", "//evil.com", "%2F", "a/../../b", "\\\\x", ":8080"),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
);

describe("URL templates", () => {
  it("keep scheme, host, port and segment count for any slot values, with the SendSpec's origin", async () => {
    const preset = await loadPresetSource(SOURCE, "url.map");
    const spec = preset.meta.sends[0];
    expect(spec.origin).toBe("https://api.example.test:8443");
    await fc.assert(
      fc.property(value, value, value, value, (account, id, kind, q) => {
        const event = { type: "track", event: "A", messageId: "m", traits: { id, q }, properties: { kind } };
        const outcome = preset.transform(event, { account: String(account) });
        if (outcome.outcome !== "send") {
          // Empty text is absent (missing_required); "." and ".." are refused (invalid_request): both name the slot.
          const dots = [account, id, kind].some((v) => v === "." || v === "..");
          // A blank setting is no setting: settings are validated, and blank text reads as absent.
          const empty = [id, kind].some((v) => v === "") || String(account).trim() === "";
          expect(dots || empty).toBe(true);
          expect(outcome).toMatchObject({ outcome: "error" });
          expect((outcome as { message: string }).message).toMatch(/^the URL slot \{/);
          return;
        }
        const url = new URL(outcome.request.url);
        expect(url.origin).toBe(spec.origin);
        expect(url.protocol).toBe("https:");
        expect(url.port).toBe("8443");
        expect(url.pathname.split("/").length).toBe("/v1/a/people/b/c/x".split("/").length);
        expect(url.pathname.startsWith("/v1/")).toBe(true);
        expect(url.pathname.endsWith("/x")).toBe(true);
        expect(url.searchParams.get("fixed")).toBe("1");
        expect(url.hash).toBe("");
      }),
      { seed: SEED, numRuns: RUNS * 5 },
    );
  });
});
