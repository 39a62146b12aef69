// End to end through the generic emulators: batched requests of HubSpot and Mixpanel shapes, with 429s, 5xx and
// dropped connections injected, lose nothing.

import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "../../delivery/clock.js";
import { deliverEvents } from "../../delivery/deliver.js";
import { findAdapter } from "../../delivery/registry.js";
import { createHttpSender } from "../../delivery/http-sender.js";
import type { Prepared } from "../../delivery/prepared.js";
import type { DeliverySendSpec } from "../../delivery/request-guard.js";
import type { DeliveryResult } from "../../delivery/results.js";
import { startGenericEmulator, type RunningEmulator } from "../../emulator/generic.js";
import { findEmulator } from "../../emulator/registry.js";

interface Integration {
  readonly name: string;
  readonly send: DeliverySendSpec;
  readonly request: (
    credential: string,
    index: number,
  ) => { url: string; headers: Record<string, string>; body: unknown };
  readonly items: (body: unknown) => number;
}

const HUBSPOT: Integration = {
  name: "hubspot",
  send: {
    method: "POST",
    origin: "https://api.hubapi.com",
    urlTemplate: "https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert",
    batch: { path: ["inputs"], maxItems: 100 },
  },
  request: (token, i) => ({
    url: "https://api.hubapi.com/crm/v3/objects/contacts/batch/upsert",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: { inputs: [{ idProperty: "email", id: `lead${i}@example.com`, properties: { firstname: `Lead ${i}` } }] },
  }),
  items: (body) => (body as { inputs: unknown[] }).inputs.length,
};

const MIXPANEL: Integration = {
  name: "mixpanel",
  send: {
    method: "POST",
    origin: "https://api.mixpanel.com",
    urlTemplate: "https://api.mixpanel.com/import",
    batch: { path: [], maxItems: 2000, maxBytes: 10_000_000 },
  },
  request: (secret, i) => ({
    url: "https://api.mixpanel.com/import?strict=1",
    headers: {
      Authorization: `Basic ${Buffer.from(`${secret}:`).toString("base64")}`,
      "Content-Type": "application/json",
    },
    body: [
      { event: "Signed Up", properties: { time: 1767225600000 + i, distinct_id: `u${i}`, $insert_id: `id-${i}` } },
    ],
  }),
  items: (body) => (body as unknown[]).length,
};

let running: RunningEmulator | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe.each([HUBSPOT, MIXPANEL])("delivering to the $name emulator", (integration) => {
  it("lands every event once the injected 429s, 5xx and dropped connections are retried", async () => {
    const module = (await findEmulator(integration.name))!;
    const credential = module.demoCredential!;
    running = await startGenericEmulator(integration.name, module, {
      failNext: [{ status: 429, headers: { "retry-after": "0" } }, { status: 502 }, "drop", { status: 503 }],
    });
    const prepare = (event: unknown): Prepared => {
      const index = (event as { i: number }).i;
      const request = { method: "POST", ...integration.request(credential, index) };
      const outcome = { messageId: `m${index}`, outcome: "send" as const, request, warnings: [] };
      return { outcome, send: integration.send, orderKey: `person-${index % 7}` };
    };
    const policy = {
      maxAttempts: 6,
      maxTotalMs: 10_000,
      baseDelayMs: 1,
      maxDelayMs: 5,
      attemptTimeoutMs: 5_000,
      rateLimitMarginMs: 0,
      // Dropped connections are ambiguous; the emulator never applies one, so a short window is enough here.
      ambiguityWindowMs: 5,
    };
    const sender = createHttpSender({ baseUrl: running.url, policy, random: () => 0.5 });
    const results: DeliveryResult[] = [];
    const events = Array.from({ length: 250 }, (_, i) => ({ i }));
    try {
      await deliverEvents(events, {
        preset: { transform: (e: unknown) => prepare(e).outcome, prepare },
        settings: {},
        sender,
        secrets: [credential],
        batchWaitMs: 10,
        onResult: (r) => results.push(r),
      });
    } finally {
      await sender.close();
    }
    expect(results).toHaveLength(250);
    expect(results.filter((r) => r.status !== "delivered")).toEqual([]);
    const accepted = running.requests().filter((r) => r.status === 200);
    expect(accepted.reduce((sum, r) => sum + integration.items(r.body), 0)).toBe(250);
    expect(accepted.length).toBeLessThan(250);
    expect(JSON.stringify(running.requests())).not.toContain(credential);
  });
});

describe("delivering to the meta emulator", () => {
  it("retries Meta's throttling and temporary error codes, which arrive as 4xx and 5xx statuses, and lands the batch", async () => {
    const module = (await findEmulator("meta"))!;
    const token = module.demoCredential!;
    const graph = (code: number) => ({ error: { message: "x", type: "OAuthException", code, fbtrace_id: "t" } });
    running = await startGenericEmulator("meta", module, {
      failNext: [
        // Meta sends no Retry-After that FACTS know of; one here keeps the test from waiting out a whole window.
        { status: 400, body: graph(17), headers: { "retry-after": "0" } },
        { status: 500, body: graph(2) },
      ],
    });
    const send = {
      method: "POST",
      origin: "https://graph.facebook.com",
      urlTemplate: "https://graph.facebook.com/v25.0/{settings.pixel_id}/events",
      batch: { path: ["data"], maxItems: 1000 },
    };
    const prepare = (event: unknown): Prepared => {
      const id = (event as { id: string }).id;
      const item = {
        event_name: "Lead",
        event_time: 1767225600,
        action_source: "website",
        user_data: { em: ["a".repeat(64)] },
      };
      const url = `https://graph.facebook.com/v25.0/123/events?access_token=${token}`;
      const request = { method: "POST", url, headers: { "Content-Type": "application/json" }, body: { data: [item] } };
      return { outcome: { messageId: id, outcome: "send", request, warnings: [] }, send };
    };
    const adapter = (await findAdapter("meta"))!({ clock: systemClock });
    const policy = {
      maxAttempts: 4,
      maxTotalMs: 120_000,
      baseDelayMs: 1,
      maxDelayMs: 2,
      attemptTimeoutMs: 5_000,
      rateLimitMarginMs: 0,
      // Dropped connections are ambiguous; the emulator never applies one, so a short window is enough here.
      ambiguityWindowMs: 5,
    };
    const sender = createHttpSender({
      adapter,
      baseUrl: running.url,
      policy,
      random: () => 0,
    });
    const results: DeliveryResult[] = [];
    try {
      await deliverEvents([{ id: "a" }, { id: "b" }], {
        preset: { transform: (e: unknown) => prepare(e).outcome, prepare },
        settings: {},
        sender,
        secrets: [token],
        batchWaitMs: 5,
        onResult: (r) => results.push(r),
      });
    } finally {
      await sender.close();
    }
    expect(results.map((r) => [r.status, r.attempts])).toEqual([
      ["delivered", 3],
      ["delivered", 3],
    ]);
    expect(running.requests().map((r) => r.status)).toEqual([400, 500, 200]);
  });
});
