// What the debugger keeps of a request sent to a base URL: the URL it went to, with every secret in it redacted.

import { describe, expect, it } from "vitest";
import { redactOutcome } from "../../runtime/redact.js";
import type { Preset } from "../../runtime/preset.js";
import type { SendOutcome } from "../../runtime/outcome.js";
import { IntegrationTarget, type TargetOptions } from "../../serve/targets.js";

const META = { settings: [{ name: "access_token", type: "secret", required: true, secret: true }], secretHeaders: [] };

function shownUrl(url: string, baseUrl: string | undefined, secret: string): string {
  const options = { name: "meta", preset: { meta: META } as unknown as Preset, settings: {}, paused: false };
  const target = new IntegrationTarget({ ...options, ...(baseUrl ? { baseUrl } : {}) } as unknown as TargetOptions);
  const outcome: SendOutcome = {
    messageId: "m1",
    outcome: "send",
    request: { method: "POST", url, headers: {}, body: {} },
    warnings: [],
  };
  const shown = redactOutcome({ ...outcome, request: target.asSent(outcome.request) }, META as never, [secret]);
  if (shown.outcome !== "send") throw new Error("a send stays a send");
  return shown.request.url;
}

describe("the URL the debugger shows", () => {
  const secret = "EAAB'x9(Zq)!7*Lm~2";
  const url = `https://graph.facebook.com/v25.0/123/events?access_token=${encodeURIComponent(secret)}`;

  it("is the base URL's origin and path prefix with the preset's path and query as built", () => {
    expect(shownUrl(url, "http://127.0.0.1:9999", secret)).toBe(
      "http://127.0.0.1:9999/v25.0/123/events?access_token=[redacted]",
    );
    expect(shownUrl(url, "http://127.0.0.1:9999/meta/", secret)).toBe(
      "http://127.0.0.1:9999/meta/v25.0/123/events?access_token=[redacted]",
    );
  });

  it("never shows a secret that URL parsing would have re-encoded", () => {
    for (const base of [undefined, "http://127.0.0.1:9999", "http://127.0.0.1:9999/x"]) {
      const shown = shownUrl(url, base, secret);
      expect(shown).not.toContain("x9");
      expect(shown).toContain("access_token=[redacted]");
    }
  });
});
