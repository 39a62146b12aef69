// Preset.prepare: the outcome plus what delivery reads (send block, ordering key, rate-limit key), for the shipped
// Salesloft preset and for small presets compiled in memory.

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadPreset, loadPresetSource } from "../../loader/load-preset.js";

const SALESLOFT = "presets/salesloft/lead-capture.map";
const KEY = "sk-live-abcdef0123456789";

const lead = (traits: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: "track",
  event: "Lead Generated",
  messageId: "m1",
  traits,
  ...extra,
});

describe("Preset.prepare on the Salesloft preset", () => {
  it("gives the send block, the email as ordering key and a rate key that hides the API key", async () => {
    const preset = await loadPreset(SALESLOFT);
    const prepared = preset.prepare(lead({ email: " Ada@Example.com " }), { api_key: KEY });
    expect(prepared.outcome.outcome).toBe("send");
    expect(prepared.send).toEqual(
      expect.objectContaining({
        method: "POST",
        origin: "https://api.salesloft.com",
        urlTemplate: "https://api.salesloft.com/v2/person_upserts",
      }),
    );
    expect(prepared.orderKey).toBe("ada@example.com");
    const hash = createHash("sha256")
      .update(JSON.stringify([KEY]))
      .digest("hex");
    expect(prepared.rateKey).toBe(`salesloft:${hash}`);
    // The outcome carries the key in its header until it is shown (redacted); what prepare adds never does.
    const { outcome: _outcome, ...added } = prepared;
    expect(JSON.stringify(added)).not.toContain(KEY);
    expect(preset.meta.integration.rateLimit).toEqual({ limit: 600, windowMs: 60_000 });
  });

  it("gives the same outcome as transform, and nothing else for a drop or an error", async () => {
    const preset = await loadPreset(SALESLOFT);
    const settings = { api_key: KEY };
    const event = lead({ email: "a@b.co" });
    expect(preset.prepare(event, settings).outcome).toEqual(preset.transform(event, settings));
    expect(preset.prepare({ type: "track", event: "Other", messageId: "m2" }, settings)).toEqual({
      outcome: { messageId: "m2", outcome: "drop", reason: 'event "Other" is not handled by salesloft/lead_capture' },
    });
    const missing = preset.prepare(lead({}), settings);
    expect(Object.keys(missing)).toEqual(["outcome"]);
    expect(missing.outcome.outcome).toBe("error");
  });

  it("keeps one rate key per credential: same key, same limiter; another key, another", async () => {
    const preset = await loadPreset(SALESLOFT);
    const event = lead({ email: "a@b.co" });
    const a = preset.prepare(event, { api_key: KEY }).rateKey;
    expect(preset.prepare(event, { api_key: KEY, default_phone_region: "GB" }).rateKey).toBe(a);
    expect(preset.prepare(event, { api_key: `${KEY}x` }).rateKey).not.toBe(a);
  });
});

const HEADER = `integration demo "Demo"
  setting token: secret required
`;

describe("the default ordering key", () => {
  it("is the user id, else the anonymous id, else none", async () => {
    const preset = await loadPresetSource(
      `${HEADER}
preset p
  on "Signed Up"
  send POST "https://api.example.test/v1/people"
  name <- "x"
`,
      "p.map",
    );
    const signup = (ids: Record<string, unknown>) => ({ type: "track", event: "Signed Up", messageId: "m", ...ids });
    expect(preset.prepare(signup({ userId: "u1", anonymousId: "a1" }), { token: "t" }).orderKey).toBe("u1");
    expect(preset.prepare(signup({ anonymousId: "a1" }), { token: "t" }).orderKey).toBe("a1");
    expect(preset.prepare(signup({}), { token: "t" }).orderKey).toBeUndefined();
  });

  it("is a block's own `order by` for that block's requests, and the default for the other block's", async () => {
    const preset = await loadPresetSource(
      `${HEADER}
preset p
  on "Signed Up", "Order Completed"
  send POST "https://api.example.test/v1/orders" when event == "Order Completed"
    order by properties.order_id
    id <- to_string(properties.order_id)
  send POST "https://api.example.test/v1/people"
    name <- "x"
`,
      "p.map",
    );
    const ids = { userId: "u1", anonymousId: "a1" };
    const order = { type: "track", event: "Order Completed", messageId: "m", properties: { order_id: 7 }, ...ids };
    expect(preset.prepare(order, { token: "t" }).orderKey).toBe("7");
    const signup = { type: "track", event: "Signed Up", messageId: "m", ...ids };
    expect(preset.prepare(signup, { token: "t" }).orderKey).toBe("u1");
  });
});
