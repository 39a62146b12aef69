// redactedOutcomeJson searches an outcome's JSON text once instead of redacting it string by string: it must print
// exactly what JSON.stringify(redactOutcome(…)) prints, for any outcome and any secrets, hostile ones included.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Outcome } from "../../runtime/outcome.js";
import { redactedOutcomeJson, redactOutcome } from "../../runtime/redact.js";

const MODULE = { secretHeaders: ["Authorization", "X-Api-Key"] };

// Characters that JSON escapes, that change length or meaning when upper- or lower-cased (ß, İ, the Kelvin sign,
// a final sigma, the long s), that base64 and percent-encoding produce, and plain ones.
const UNITS = [..."abcKSsxyz0129+/=%-_. :,", '"', "\\", "\n", "\u0000", "ß", "İ", "\u212a", "Σ", "σ", "ς", "ſ", "é"];
const text = (max: number) => fc.string({ unit: fc.constantFrom(...UNITS), maxLength: max });

/** A secret, and text around (or inside) which a form of it may or may not be written. */
const secretAndText = fc
  .tuple(text(14), text(6), text(6), fc.constantFrom("as is", "upper", "base64", "encoded", "cut", "kelvin", "none"))
  .map(([secret, before, after, how]) => {
    const forms: Record<string, string> = {
      "as is": secret,
      upper: secret.toUpperCase(),
      base64: Buffer.from(secret).toString("base64"),
      encoded: encodeURIComponent(secret),
      cut: secret.slice(0, 9),
      // The Kelvin sign lower-cases to "k": a cut-off start written with it is still hidden.
      kelvin: secret.slice(0, 9).replace(/k/gi, "\u212a"),
      none: "",
    };
    return { secret, value: `${before}${forms[how]}${after}` };
  });

const outcomes = fc
  .tuple(secretAndText, text(8), fc.constantFrom("send", "drop", "error"))
  .map(([{ secret, value }, other, kind]): { secret: string; outcome: Outcome } => {
    if (kind === "drop") return { secret, outcome: { messageId: "m1", outcome: "drop", reason: value } };
    if (kind === "error")
      return { secret, outcome: { messageId: null, outcome: "error", code: "internal", message: value } };
    const outcome: Outcome = {
      messageId: "m1",
      outcome: "send",
      request: {
        method: "POST",
        url: `https://api.example.test/v1/${encodeURIComponent(other)}?q=${encodeURIComponent(value)}`,
        headers: { Authorization: `Bearer ${secret}`, "X-Note": value, "Content-Type": "application/json" },
        body: { name: other, note: value, list: [other, value], nested: { deep: value, n: 1, ok: true } },
      },
      warnings: [value],
    };
    return { secret, outcome };
  });

describe("redactedOutcomeJson", () => {
  it("prints exactly what JSON.stringify(redactOutcome(…)) prints", () => {
    fc.assert(
      fc.property(outcomes, fc.boolean(), ({ secret, outcome }, withSecret) => {
        const secrets = withSecret ? [secret, "sk_other_0123456789"] : [];
        expect(redactedOutcomeJson(outcome, MODULE, secrets)).toBe(
          JSON.stringify(redactOutcome(outcome, MODULE, secrets)),
        );
      }),
      { numRuns: 4000, seed: 16 },
    );
  });

  it("hides the start of a cut-off secret written with a Kelvin sign for its k", () => {
    const secret = "sk_live_0123456789abcdef";
    const outcome: Outcome = { messageId: "m1", outcome: "error", code: "internal", message: "got s\u212a_live_01" };
    expect(redactedOutcomeJson(outcome, MODULE, [secret])).toBe(
      JSON.stringify(redactOutcome(outcome, MODULE, [secret])),
    );
    expect(redactedOutcomeJson(outcome, MODULE, [secret])).toContain("[redacted]");
  });

  it("hides a secret echoed in the body, and leaves an outcome without one as it is", () => {
    const secret = "sk_live_0123456789abcdef";
    const send = (note: string): Outcome => ({
      messageId: "m1",
      outcome: "send",
      request: {
        method: "POST",
        url: "https://api.example.test/v1/people",
        headers: { Authorization: `Bearer ${secret}` },
        body: { note },
      },
      warnings: [],
    });
    const echoed = redactedOutcomeJson(send(`key ${secret.toUpperCase()} was sent`), MODULE, [secret]);
    expect(echoed).not.toMatch(/0123456789/);
    expect(JSON.parse(echoed).request.body.note).toBe("key [redacted] was sent");
    const plain = JSON.parse(redactedOutcomeJson(send("nothing secret"), MODULE, [secret]));
    expect(plain.request).toEqual({
      method: "POST",
      url: "https://api.example.test/v1/people",
      headers: { Authorization: "Bearer [redacted]" },
      body: { note: "nothing secret" },
    });
  });
});
