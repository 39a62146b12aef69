// Generic delivery: exactly the method, URL, headers and body an outcome holds reach the server, for any preset.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliverEvents } from "../../delivery/deliver.js";
import { createHttpSender } from "../../delivery/http-sender.js";
import type { Prepared } from "../../delivery/prepared.js";
import type { DeliverySendSpec } from "../../delivery/request-guard.js";
import type { DeliveryResult } from "../../delivery/results.js";
import type { HttpRequest } from "../../runtime/outcome.js";
import { recordingServer, type RecordingServer } from "./helpers/recording-server.js";

/** A preset whose "event" is the request itself, so each test says exactly what the outcome holds. */
interface RequestEvent {
  readonly messageId: string;
  readonly request: HttpRequest;
  readonly send?: DeliverySendSpec;
  readonly orderKey?: string;
}

const requestPreset = {
  transform: (event: unknown) => requestPreset.prepare(event).outcome,
  prepare: (event: unknown): Prepared => {
    const { messageId, request, send, orderKey } = event as RequestEvent;
    return { outcome: { messageId, outcome: "send", request, warnings: [] }, send, orderKey };
  },
};

let server: RecordingServer;
beforeEach(async () => {
  server = await recordingServer();
});
afterEach(async () => {
  await server.close();
});

async function deliver(events: readonly RequestEvent[], secrets: readonly string[] = []): Promise<DeliveryResult[]> {
  const sender = createHttpSender({ baseUrl: server.url, policy: fastPolicy, random: () => 0 });
  const results: DeliveryResult[] = [];
  try {
    await deliverEvents(events, {
      preset: requestPreset,
      settings: {},
      sender,
      secrets,
      onResult: (r) => results.push(r),
    });
  } finally {
    await sender.close();
  }
  return results.sort((a, b) => a.line - b.line);
}

const fastPolicy = {
  maxAttempts: 3,
  maxTotalMs: 5_000,
  baseDelayMs: 1,
  maxDelayMs: 5,
  attemptTimeoutMs: 5_000,
  rateLimitMarginMs: 0,
};

const ORIGIN = "https://api.example.com";

describe("generic delivery sends exactly what the outcome holds", () => {
  it("keeps the method, the query and the headers, and sends the body as JSON", async () => {
    const request = {
      method: "PATCH",
      url: `${ORIGIN}/v1/contacts/42?mode=merge&tag=a%20b`,
      headers: { "Content-Type": "application/json", "X-Custom": "yes" },
      body: { custom_fields: { plan: "pro" }, name: "Jane" },
    };
    const [result] = await deliver([{ messageId: "m1", request }]);
    expect(result).toMatchObject({ status: "delivered", httpStatus: 200, attempts: 1 });
    expect(server.arrived).toHaveLength(1);
    const arrived = server.arrived[0]!;
    expect(arrived.method).toBe("PATCH");
    expect(arrived.target).toBe("/v1/contacts/42?mode=merge&tag=a%20b");
    expect(arrived.headers["x-custom"]).toBe("yes");
    expect(JSON.parse(arrived.body)).toEqual(request.body);
  });

  it.each(["GET", "DELETE"])("sends %s with no body at all", async (method) => {
    const request = { method, url: `${ORIGIN}/v1/contacts/42`, headers: { Accept: "application/json" } };
    const [result] = await deliver([{ messageId: "g1", request }]);
    expect(result!.status).toBe("delivered");
    expect(server.arrived[0]!.method).toBe(method);
    expect(server.arrived[0]!.body).toBe("");
    expect(server.arrived[0]!.headers["content-length"] ?? "0").toBe("0");
  });

  it("never asks the server for anything the outcome does not hold (no custom-field listing)", async () => {
    const request = { method: "POST", url: `${ORIGIN}/v1/things`, headers: {}, body: { custom_fields: { a: 1 } } };
    await deliver([{ messageId: "c1", request }]);
    expect(server.arrived.map((a) => `${a.method} ${a.target}`)).toEqual(["POST /v1/things"]);
  });

  it("orders events by the preset's order key, not by any body field", async () => {
    server.script([{ status: 503 }, { status: 200, body: "{}" }]);
    const url = `${ORIGIN}/v1/people`;
    const events = ["first", "second"].map((name) => ({
      messageId: name,
      request: { method: "POST", url, headers: {}, body: { name } },
      orderKey: "person-1",
    }));
    const results = await deliver(events);
    expect(results.map((r) => r.status)).toEqual(["delivered", "delivered"]);
    // The first was retried after its 503 before the second was sent at all.
    expect(server.arrived.map((a) => JSON.parse(a.body).name)).toEqual(["first", "first", "second"]);
  });

  it("gives the generic advice for a failure without an adapter", async () => {
    server.script([{ status: 401, body: '{"message":"bad token"}' }]);
    const request = { method: "POST", url: `${ORIGIN}/v1/x`, headers: {}, body: {} };
    const [result] = await deliver([{ messageId: "a1", request }]);
    expect(result).toMatchObject({ status: "failed", httpStatus: 401, attempts: 1 });
    expect(result!.error).toContain("401 Unauthorized");
    expect(result!.error).toContain("bad token");
  });
});

describe("Retry-After is honoured up to a cap", () => {
  it.each(["3600", "99999999999"])("fails the event at once when a 429 asks to wait %s s", async (seconds) => {
    server.script([{ status: 429, headers: { "retry-after": seconds } }]);
    const request = { method: "POST", url: `${ORIGIN}/v1/x`, headers: {}, body: {} };
    const [result] = await deliver([{ messageId: "r1", request }]);
    expect(result).toMatchObject({ status: "failed", httpStatus: 429, attempts: 1 });
    expect(result!.error).toContain(`asked to wait ${seconds} s (Retry-After), more than the 300 s maximum wait`);
    expect(server.arrived).toHaveLength(1);
  });

  it("waits out a short Retry-After and delivers", async () => {
    server.script([{ status: 503, headers: { "retry-after": "0" } }]);
    const request = { method: "POST", url: `${ORIGIN}/v1/x`, headers: {}, body: {} };
    const [result] = await deliver([{ messageId: "r2", request }]);
    expect(result).toMatchObject({ status: "delivered", attempts: 2 });
  });
});
