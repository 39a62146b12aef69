// Collection speaks the Segment HTTP Tracking API: real clients work unchanged, and 200 means stored.

import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Analytics } from "@segment/analytics-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collect, type CollectorOptions } from "../../serve/collect.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import type { Store } from "../../store/store.js";

let dir: string;
let store: Store;
let server: Server;
let base: string;
let options: CollectorOptions;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "signal-map-collect-"));
  store = openSqliteStore(join(dir, "store.db"));
  options = {
    store,
    sources: [{ name: "web", writeKey: "wk_test" }],
    limits: { eventBytes: 2_000, requestBytes: 10_000 },
    corsOrigins: ["https://www.example.com"],
    trustedProxies: [],
    route: (event) => [{ integration: "salesloft", orderKey: (event.traits as { email?: string } | undefined)?.email }],
  };
  server = createServer((req, res) => void collect(req, res, options));
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((done) => server.close(done));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: basic("wk_test"), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, res };
}

async function stored() {
  return (await store.recent(100)).map((v) => JSON.parse(v.payload) as Record<string, any>);
}

describe("collection", () => {
  it("stores a track call and fills messageId, receivedAt, context.ip and context.userAgent", async () => {
    const { status } = await post(
      "/v1/track",
      { event: "Lead Generated", traits: { email: "a@example.com" } },
      { "User-Agent": "test-agent/1" },
    );
    expect(status).toBe(200);
    const [event] = await stored();
    expect(event).toMatchObject({
      type: "track",
      event: "Lead Generated",
      context: { ip: "127.0.0.1", userAgent: "test-agent/1" },
    });
    expect(event.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(event.receivedAt)).toBeGreaterThan(0);
  });

  it("takes the write key from the body too, and text/plain bodies as JSON (browsers avoid a preflight)", async () => {
    const res = await fetch(`${base}/v1/identify`, {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: JSON.stringify({ writeKey: "wk_test", userId: "u1", traits: { email: "b@example.com" } }),
    });
    expect(res.status).toBe(200);
    const [event] = await stored();
    expect(event).toMatchObject({ type: "identify", userId: "u1" });
    expect(event.writeKey).toBeUndefined();
  });

  it("takes the short paths analytics.js posts to: /v1/t, /v1/i and /v1/b", async () => {
    expect((await post("/v1/t", { event: "Signed Up", messageId: "s1" })).status).toBe(200);
    expect((await post("/v1/i", { userId: "u2", messageId: "s2" })).status).toBe(200);
    expect((await post("/v1/b", { batch: [{ type: "page", name: "Home", messageId: "s3" }] })).status).toBe(200);
    const types = Object.fromEntries((await stored()).map((e) => [e.messageId, e.type]));
    expect(types).toEqual({ s1: "track", s2: "identify", s3: "page" });
  });

  it("stores a mixed batch, and a repeated messageId once", async () => {
    const batch = [
      { type: "track", event: "Signed Up", messageId: "m1" },
      { type: "page", name: "Home", messageId: "m2" },
      { type: "track", event: "Signed Up", messageId: "m1" },
    ];
    expect((await post("/v1/batch", { batch })).status).toBe(200);
    expect((await stored()).map((e) => e.messageId).sort()).toEqual(["m1", "m2"]);
  });

  it("reads a batch item's type as the event normaliser does, and still refuses an unknown one", async () => {
    const batch = [
      { type: "Track", event: "Signed Up", messageId: "c1" },
      { type: " identify ", userId: "u1", messageId: "c2" },
    ];
    expect((await post("/v1/batch", { batch })).status).toBe(200);
    const types = Object.fromEntries((await stored()).map((e) => [e.messageId, e.type]));
    expect(types).toEqual({ c1: "track", c2: "identify" });
    const refused = await post("/v1/batch", { batch: [{ type: "purchase", messageId: "c3" }] });
    expect(refused.status).toBe(400);
  });

  it("answers malformed JSON with 400 and a message, and stores nothing", async () => {
    const res = await fetch(`${base}/v1/track`, {
      method: "POST",
      headers: { Authorization: basic("wk_test") },
      body: "{nope",
    });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/not valid JSON/);
    expect(await stored()).toEqual([]);
  });

  it("answers an unknown or missing write key with 401", async () => {
    expect((await post("/v1/track", { event: "x" }, { Authorization: basic("wk_other") })).status).toBe(401);
    const res = await fetch(`${base}/v1/track`, { method: "POST", body: JSON.stringify({ event: "x" }) });
    expect(res.status).toBe(401);
  });

  it("answers an oversized request or event with 413 and stores nothing", async () => {
    const big = { event: "x", properties: { blob: "a".repeat(3_000) } };
    const tooLargeEvent = await fetch(`${base}/v1/track`, {
      method: "POST",
      headers: { Authorization: basic("wk_test") },
      body: JSON.stringify(big),
    });
    expect(tooLargeEvent.status).toBe(413);
    expect((await tooLargeEvent.json()).message).toMatch(/larger than 2000 bytes/);
    const batch = Array.from({ length: 20 }, (_, i) => ({
      type: "track",
      event: "x",
      properties: { blob: "b".repeat(900) },
      messageId: `m${i}`,
    }));
    expect((await post("/v1/batch", { batch })).status).toBe(413);
    expect(await stored()).toEqual([]);
  });

  it("names the batch item whose type is not a call type", async () => {
    const res = await fetch(`${base}/v1/batch`, {
      method: "POST",
      headers: { Authorization: basic("wk_test") },
      body: JSON.stringify({ batch: [{ type: "track" }, { type: "bogus" }] }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/batch\[1\]\.type/);
  });

  it("answers CORS preflights for listed origins only", async () => {
    const ok = await fetch(`${base}/v1/track`, { method: "OPTIONS", headers: { Origin: "https://www.example.com" } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://www.example.com");
    const other = await fetch(`${base}/v1/track`, { method: "OPTIONS", headers: { Origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("reads X-Forwarded-For only behind a trusted proxy", async () => {
    await post("/v1/track", { event: "x", messageId: "spoofed" }, { "X-Forwarded-For": "203.0.113.9" });
    options = { ...options, trustedProxies: ["127.0.0.1"] };
    await post("/v1/track", { event: "x", messageId: "proxied" }, { "X-Forwarded-For": "198.51.100.7, 127.0.0.1" });
    const byId = Object.fromEntries((await stored()).map((e) => [e.messageId, e.context.ip]));
    expect(byId).toEqual({ spoofed: "127.0.0.1", proxied: "198.51.100.7" });
  });

  it("receives events from Segment's own Node SDK unchanged", async () => {
    const analytics = new Analytics({ writeKey: "wk_test", host: base, flushAt: 3, maxRetries: 0 });
    analytics.track({ userId: "u1", event: "Lead Generated", properties: { lead_source: "sdk" } });
    analytics.identify({ userId: "u1", traits: { email: "sdk@example.com" } });
    analytics.page({ userId: "u1", name: "Home" });
    await analytics.closeAndFlush({ timeout: 5_000 });
    const events = await stored();
    expect(events.map((e) => e.type).sort()).toEqual(["identify", "page", "track"]);
    expect(events.find((e) => e.type === "track")).toMatchObject({
      event: "Lead Generated",
      properties: { lead_source: "sdk" },
    });
  });
});
