// Values made from the settings alone (a URL with its access_token, an Authorization header) are made once per
// settings object: every event still gets the value of the settings it was transformed with.

import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPreset } from "../../loader/load-preset.js";
import { perSettings } from "../../runtime/per-settings.js";
import { validateSettings } from "../../runtime/settings.js";

const ROOT = resolve(import.meta.dirname, "../..");

describe("perSettings", () => {
  it("makes the value once per settings object, and each object keeps its own", () => {
    const made: string[] = [];
    const url = perSettings((settings) => {
      made.push(String(settings.id));
      return `https://example.test/${String(settings.id)}`;
    });
    const a = Object.freeze({ id: "a" });
    const b = Object.freeze({ id: "b" });
    const seen = [a, a, b, a, b, b].map((settings) => url(settings));
    expect(seen).toEqual(["a", "a", "b", "a", "b", "b"].map((id) => `https://example.test/${id}`));
    expect(made).toEqual(["a", "b"]);
  });

  it("remembers an absent value as made, not as missing", () => {
    let calls = 0;
    const header = perSettings(() => (calls++, undefined));
    const settings = Object.freeze({});
    expect([header(settings), header(settings), header(settings)]).toEqual([undefined, undefined, undefined]);
    expect(calls).toBe(1);
  });
});

describe("checked settings", () => {
  it("are frozen, so what was made from them once cannot go stale", () => {
    const result = validateSettings([{ name: "token", type: "secret", required: true, secret: true }], { token: "t" });
    expect(result.ok && Object.isFrozen(result.settings)).toBe(true);
  });
});

describe("a preset whose URL and query come from the settings", () => {
  it("sends each event to the pixel and with the token of the settings it was given, settings alternating", async () => {
    const preset = await loadPreset(resolve(ROOT, "presets/meta/conversions.map"));
    const event = {
      type: "track",
      event: "Lead Generated",
      messageId: "m-1",
      timestamp: "2026-01-02T03:04:05Z",
      traits: { email: "ann@example.com" },
      context: { consent: { marketing: "granted" }, page: { url: "https://shop.example/" }, userAgent: "UA" },
    };
    const one = { pixel_id: "111", access_token: "token-one" };
    const two = { pixel_id: "222", access_token: "token two" };
    const urls = [one, two, one, { ...two }].map((settings) => {
      const outcome = preset.transform(event, settings);
      return outcome.outcome === "send" ? outcome.request.url : outcome;
    });
    expect(urls).toEqual([
      "https://graph.facebook.com/v25.0/111/events?access_token=token-one",
      "https://graph.facebook.com/v25.0/222/events?access_token=token%20two",
      "https://graph.facebook.com/v25.0/111/events?access_token=token-one",
      "https://graph.facebook.com/v25.0/222/events?access_token=token%20two",
    ]);
  });
});
