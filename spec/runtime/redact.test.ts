// Redaction: secret headers keep their scheme word only, and secrets vanish from text.

import { describe, expect, it } from "vitest";
import type { Outcome } from "../../runtime/outcome.js";
import { redactOutcome, redactText } from "../../runtime/redact.js";

const SEND: Outcome = {
  messageId: "m1",
  outcome: "send",
  request: {
    method: "POST",
    url: "https://api.example.com/leads",
    headers: { authorization: "Bearer sk-live-abcdef", "X-Api-Key": "k-123456", "Content-Type": "application/json" },
    body: { email_address: "jane@example.com" },
  },
  warnings: ["w"],
};

describe("redactOutcome", () => {
  it("keeps the scheme word of a secret header, hides the rest, and matches names in any case", () => {
    const redacted = redactOutcome(SEND, { secretHeaders: ["Authorization", "x-api-key"] });
    expect(redacted.outcome === "send" && redacted.request.headers).toEqual({
      authorization: "Bearer [redacted]",
      "X-Api-Key": "[redacted]",
      "Content-Type": "application/json",
    });
    expect(JSON.stringify(redacted)).not.toMatch(/sk-live|k-123456/);
  });

  it("returns a copy and leaves the outcome that is sent untouched", () => {
    const redacted = redactOutcome(SEND, { secretHeaders: ["Authorization"] });
    expect(redacted).not.toBe(SEND);
    expect(SEND.outcome === "send" && SEND.request.headers.authorization).toBe("Bearer sk-live-abcdef");
    expect(redacted.outcome === "send" && redacted.request.body).toEqual({ email_address: "jane@example.com" });
  });

  it("hides the whole value when what precedes a space is not a scheme word", () => {
    const request = { method: "POST", url: "https://api.example.com/", headers: { Authorization: "sk_9 xyz" } };
    const outcome: Outcome = { messageId: "m1", outcome: "send", request, warnings: [] };
    const redacted = redactOutcome(outcome, { secretHeaders: ["Authorization"] });
    expect(redacted.outcome === "send" && redacted.request.headers.Authorization).toBe("[redacted]");
  });

  it("copies drop and error outcomes as they are", () => {
    const drop: Outcome = { messageId: "m2", outcome: "drop", reason: "r" };
    expect(redactOutcome(drop, { secretHeaders: ["Authorization"] })).toEqual(drop);
  });
});

describe("redactText", () => {
  const key = "sk_live_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  it("hides a secret echoed in another case, URL-encoded or in base64", () => {
    const odd = "sk/live+AB=CD_1234567890";
    const text = `a ${odd.toUpperCase()} b ${encodeURIComponent(odd)} c ${Buffer.from(odd).toString("base64")}`;
    expect(redactText(text, [odd])).toBe("a [redacted] b [redacted] c [redacted]");
  });

  it("hides the start of a secret where a message was cut short", () => {
    expect(redactText(`said: got Bearer ${key.slice(0, 20)}...`, [key])).toBe("said: got Bearer [redacted]...");
    expect(redactText(`ends with ${key.slice(0, 12)}`, [key])).toBe("ends with [redacted]");
    expect(redactText(`a short sk_live_ stays`, [key])).toBe("a short sk_live_ stays");
  });

  it("replaces every occurrence of every secret", () => {
    expect(redactText("key sk-123 then sk-123 and tok-9999", ["sk-123", "tok-9999"])).toBe(
      "key [redacted] then [redacted] and [redacted]",
    );
  });

  it("hides a longer secret whole even when it contains a shorter one", () => {
    expect(redactText("abcd-efgh", ["abcd", "abcd-efgh"])).toBe("[redacted]");
  });

  it("leaves secrets shorter than four characters alone", () => {
    expect(redactText("a1b a1b", ["a1b", ""])).toBe("a1b a1b");
  });

  it("hides the key's hex encoding, in either case", () => {
    const hex = Buffer.from(key).toString("hex");
    expect(redactText(`x ${hex} y ${hex.toUpperCase()}`, [key])).toBe("x [redacted] y [redacted]");
  });

  it("hides base64 of a text holding the key at any offset: Bearer KEY, :KEY, user:KEY (Basic auth)", () => {
    for (const wrapped of [`Bearer ${key}`, `:${key}`, `user:${key}`, `ab:${key}`, `${key}:`]) {
      const encoded = Buffer.from(wrapped).toString("base64");
      const shown = redactText(`echo ${encoded} end`, [key]);
      expect(shown, wrapped).toContain("[redacted]");
      // What is left of the encoding around the mark decodes to at most two bytes of the key.
      const left = shown
        .replace(/^echo /, "")
        .replace(/ end$/, "")
        .split("[redacted]")
        .join("");
      const around = Math.ceil(((wrapped.length - key.length) * 4) / 3);
      expect(left.length, wrapped).toBeLessThanOrEqual(around + 12);
      expect(Buffer.from(encoded, "base64").toString()).toBe(wrapped);
    }
  });

  it("hides the start of a key cut at a length boundary and then closed as JSON or a line", () => {
    expect(redactText(`{"error":"401 for Bearer ${key.slice(0, 15)}"}\n`, [key])).toBe(
      `{"error":"401 for Bearer [redacted]"}\n`,
    );
    expect(redactText(`token ${key.slice(0, 14)}\nnext`, [key])).toBe("token [redacted]\nnext");
    expect(redactText(`mid ${key.slice(0, 20)} more`, [key])).toBe("mid [redacted] more");
  });
});
