// The credential cannot be redirected or leaked: origin and path shape are the preset's, headers cannot be split, and
// a secret in a query string or URL path appears in no result, dead letter or error.

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDeadLetter } from "../../delivery/dead-letter.js";
import { deliverEvents } from "../../delivery/deliver.js";
import { createHttpSender } from "../../delivery/http-sender.js";
import type { Prepared } from "../../delivery/prepared.js";
import { guardRequest, type DeliverySendSpec } from "../../delivery/request-guard.js";
import type { DeliveryResult } from "../../delivery/results.js";
import { recordingServer, type RecordingServer } from "./helpers/recording-server.js";

const SECRET = "tok-9f8e7d6c5b4a39281706";
const CONTACTS: DeliverySendSpec = {
  method: "POST",
  origin: "https://api.example.com",
  urlTemplate: "https://api.example.com/contacts/{traits.email}",
};

/** What the language does with a slot value (design §4): one percent-encoded segment, dots encoded. */
function segment(value: string): string {
  if (value === ".") return "%2E";
  if (value === "..") return "%2E%2E";
  return encodeURIComponent(value);
}

describe("the request guard", () => {
  it("keeps every slot value inside its one segment, whatever the value", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (email) => {
        const request = { method: "POST", url: `https://api.example.com/contacts/${segment(email)}`, headers: {} };
        const guarded = guardRequest(request, CONTACTS);
        // An empty slot is the language's missing_required; any other value stays in /contacts/<one segment>.
        if (email === "") return;
        expect(guarded.ok).toBe(true);
        if (guarded.ok) {
          expect(guarded.url.origin).toBe("https://api.example.com");
          expect(guarded.url.pathname).toMatch(/^\/contacts\/[^/]+$/);
        }
      }),
    );
  });

  it("refuses any URL a value pasted in unencoded moves to another path or origin", () => {
    fc.assert(
      fc.property(fc.constantFrom("a b/../../x?y#z@example.com", "../admin", "x/y", "@evil.example/z"), (value) => {
        const url = `https://api.example.com/contacts/${value}`;
        const guarded = guardRequest({ method: "POST", url, headers: {} }, CONTACTS);
        const parsed = new URL(url);
        const stays = parsed.origin === CONTACTS.origin && /^\/contacts\/[^/]+$/.test(parsed.pathname);
        expect(guarded.ok).toBe(stays);
      }),
    );
  });

  it("refuses another origin and another method, and says so", () => {
    const other = guardRequest({ method: "POST", url: "https://evil.example/contacts/x", headers: {} }, CONTACTS);
    expect(other).toEqual({ ok: false, error: expect.stringContaining("origin refused") });
    const method = guardRequest({ method: "DELETE", url: "https://api.example.com/contacts/x", headers: {} }, CONTACTS);
    expect(method).toEqual({ ok: false, error: expect.stringContaining("method refused") });
  });

  it("checks the preset's origin before --base-url moves the request onto the emulator", () => {
    const request = { method: "POST", url: "https://api.example.com/contacts/x?a=1", headers: {} };
    const guarded = guardRequest(request, CONTACTS, "http://127.0.0.1:9999/prefix");
    expect(guarded.ok && guarded.url.href).toBe("http://127.0.0.1:9999/prefix/contacts/x?a=1");
  });

  it.each(["a\r\nX-Injected: 1", "a\nb", "a\rb", "a\u0000b"])("refuses a header value holding %j", (value) => {
    const guarded = guardRequest(
      { method: "POST", url: "https://api.example.com/contacts/x", headers: { "X-A": value } },
      CONTACTS,
    );
    expect(guarded).toEqual({ ok: false, error: expect.stringContaining("header X-A holds a line break") });
  });
});

describe("delivery with the guard and the secrets", () => {
  let server: RecordingServer;
  let dir: string;
  beforeEach(async () => {
    server = await recordingServer();
    dir = await mkdtemp(join(tmpdir(), "guard-"));
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Events carry the URL and headers their preset built; the send spec is the preset's. */
  const preset = (send: DeliverySendSpec) => ({
    transform: (event: unknown) => preset(send).prepare(event).outcome,
    prepare: (event: unknown): Prepared => {
      const { id, url, headers } = event as { id: string; url: string; headers?: Record<string, string> };
      const request = { method: "POST", url, headers: headers ?? {}, body: { id } };
      return { outcome: { messageId: id, outcome: "send", request, warnings: [] }, send };
    },
  });

  async function run(events: object[], send: DeliverySendSpec, baseUrl = server.url) {
    const sender = createHttpSender({ baseUrl, policy: { ...policy }, random: () => 0 });
    const deadLetter = await openDeadLetter(join(dir, "dead.jsonl"));
    const results: DeliveryResult[] = [];
    const lines = events.map((event) => JSON.stringify(event));
    try {
      await deliverEvents(lines, {
        preset: preset(send),
        settings: {},
        sender,
        secrets: [SECRET],
        deadLetter,
        onResult: (r) => results.push(r),
      });
    } finally {
      await sender.close();
      await deadLetter.close();
    }
    return { results, deadLetters: await readFile(join(dir, "dead.jsonl"), "utf8") };
  }

  const policy = {
    maxAttempts: 2,
    maxTotalMs: 2_000,
    baseDelayMs: 1,
    maxDelayMs: 2,
    attemptTimeoutMs: 2_000,
    rateLimitMarginMs: 0,
  };

  it("refuses a request the event moved to another origin, as an error naming the event, and sends nothing", async () => {
    const { results } = await run([{ id: "e1", url: "https://evil.example/contacts/x" }], CONTACTS);
    expect(results[0]).toMatchObject({ messageId: "e1", status: "failed", attempts: 0 });
    expect(results[0]!.error).toMatch(/^request refused for event "e1": origin refused/);
    expect(server.arrived).toHaveLength(0);
  });

  it("refuses a header with CR/LF as an error with a clear message, not a network error", async () => {
    const event = { id: "h1", url: "https://api.example.com/contacts/x", headers: { "X-Name": "a\r\nX-Evil: 1" } };
    const { results } = await run([event], CONTACTS);
    expect(results[0]!.error).toContain("header X-Name holds a line break");
    expect(server.arrived).toHaveLength(0);
  });

  it("never shows a secret from the query string or the path, even when the server echoes the URL", async () => {
    const send = {
      method: "POST",
      origin: "https://api.example.com",
      urlTemplate: "https://api.example.com/v1/{settings.key}/events",
    };
    const echo = (arrived: { target: string }) => JSON.stringify({ error: `bad request to ${arrived.target}` });
    server.script([
      { status: 400, body: echo },
      { status: 404, body: echo },
    ]);
    const events = [
      { id: "q1", url: `https://api.example.com/v1/p1/events?access_token=${SECRET}` },
      { id: "p1", url: `https://api.example.com/v1/${encodeURIComponent(SECRET)}/events` },
    ];
    const { results, deadLetters } = await run(events, send);
    expect(server.arrived.map((a) => a.target).join(" ")).toContain(SECRET);
    expect(results.map((r) => r.status)).toEqual(["failed", "failed"]);
    expect(JSON.stringify(results)).not.toContain(SECRET);
    expect(JSON.stringify(results)).toContain("[redacted]");
    expect(deadLetters).not.toContain(SECRET);
  });

  it("never shows a secret from the URL in a network error", async () => {
    const send = { ...CONTACTS, urlTemplate: "https://api.example.com/contacts/{x}" };
    const url = `https://api.example.com/contacts/x?api_secret=${SECRET}`;
    const { results } = await run([{ id: "n1", url }], send, "http://127.0.0.1:1");
    expect(results[0]!.status).toBe("failed");
    expect(JSON.stringify(results)).not.toContain(SECRET);
  });
});
