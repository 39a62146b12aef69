// Several send blocks at run time: the first block whose "when" holds builds the request; none → a drop.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPresetSource } from "../../loader/load-preset.js";

const CASE = join(import.meta.dirname, "codegen-cases", "several-sends.map");
const SETTINGS = { site_id: "s1", api_key: "k-0123456789" };

async function load(source = readFileSync(CASE, "utf8")) {
  return loadPresetSource(source, "several-sends.map");
}

describe("several send blocks", () => {
  it("builds the identify block for identify and the track block for track, each with its own body", async () => {
    const preset = await load();
    const identify = preset.prepare(
      { type: "identify", userId: "u1", messageId: "m1", traits: { email: "a@b.co" } },
      SETTINGS,
    );
    expect(identify.outcome).toMatchObject({
      outcome: "send",
      request: { method: "PUT", url: "https://track.example.com/api/v1/customers", body: { email: "a@b.co" } },
    });
    expect(identify.send?.method).toBe("PUT");
    const track = preset.prepare({ type: "track", event: "Bought", userId: "u1", messageId: "m2" }, SETTINGS);
    expect(track.outcome).toMatchObject({
      outcome: "send",
      request: { method: "POST", body: { name: "Bought", customer: "u1" } },
    });
    expect(track.send?.urlTemplate).toBe("https://track.example.com/api/v1/events");
    expect(preset.meta.sends.map((s) => s.method)).toEqual(["PUT", "POST"]);
  });

  it("runs the prelude first: its require fails before any block", async () => {
    const preset = await load();
    const outcome = preset.transform({ type: "track", event: "Bought", messageId: "m3" }, SETTINGS);
    expect(outcome).toMatchObject({ outcome: "error", code: "missing_required", message: "userId is required" });
  });

  it("drops an event no block applies to, naming the preset", async () => {
    const source = readFileSync(CASE, "utf8").replace("on identify, track", "on identify, track, page");
    const preset = await load(source);
    expect(preset.transform({ type: "page", userId: "u1", messageId: "m4" }, SETTINGS)).toEqual({
      messageId: "m4",
      outcome: "drop",
      reason: "no request of customers/customers applies to this event",
    });
  });
});
