// The generic emulator serves each integration from its module and schema: credential, schema validation in the
// destination's error shape, its documented success shape, rate limit, faults, and a bounded record.

import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { startGenericEmulator, type RunningEmulator } from "../../emulator/generic.js";
import { pathOfTemplate, routesFromPresets } from "../../emulator/preset-routes.js";
import { findEmulator } from "../../emulator/registry.js";

const SHA = "a".repeat(64);

interface Case {
  readonly integration: string;
  readonly path: string;
  readonly valid: unknown;
  readonly invalid: unknown;
  /** Headers and query that carry the demo credential, or a wrong one. */
  readonly auth: (credential: string) => { headers?: Record<string, string>; query?: string };
  readonly success: (body: unknown, status: number) => void;
  readonly rejected: (body: unknown, status: number) => void;
  readonly unauthorised: (body: unknown, status: number) => void;
}

const CASES: readonly Case[] = [
  {
    integration: "meta",
    path: "/v25.0/1234567890/events",
    valid: {
      data: [{ event_name: "Lead", event_time: 1767225600, action_source: "website", user_data: { em: [SHA] } }],
    },
    invalid: { data: [] },
    auth: (token) => ({ query: `access_token=${token}` }),
    success: (body, status) => {
      expect(status).toBe(200);
      expect(body).toMatchObject({ events_received: 1, messages: [], fbtrace_id: expect.any(String) });
    },
    rejected: (body, status) => {
      expect(status).toBe(400);
      expect(body).toMatchObject({ error: { type: "OAuthException", code: 100, fbtrace_id: expect.any(String) } });
    },
    unauthorised: (body) => expect(body).toMatchObject({ error: { code: 190 } }),
  },
  {
    integration: "ga4",
    path: "/debug/mp/collect",
    valid: { client_id: "123.456", events: [{ name: "generate_lead" }] },
    invalid: { events: [] },
    auth: (secret) => ({ query: `measurement_id=G-TEST&api_secret=${secret}` }),
    success: (body, status) => {
      expect(status).toBe(200);
      expect(body).toEqual({ validationMessages: [] });
    },
    rejected: (body, status) => {
      expect(status).toBe(200);
      expect((body as { validationMessages: unknown[] }).validationMessages.length).toBeGreaterThan(0);
    },
    unauthorised: (_body, status) => expect(status).toBe(403),
  },
  {
    integration: "hubspot",
    path: "/crm/v3/objects/contacts/batch/upsert",
    valid: { inputs: [{ idProperty: "email", id: "jane@example.com", properties: { firstname: "Jane" } }] },
    invalid: { inputs: [{ idProperty: "email" }] },
    auth: (token) => ({ headers: { authorization: `Bearer ${token}` } }),
    success: (body, status) => {
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: "COMPLETE", results: [{ id: expect.any(String), new: true }] });
    },
    rejected: (body, status) => {
      expect(status).toBe(400);
      expect(body).toMatchObject({ status: "error", category: "VALIDATION_ERROR" });
    },
    unauthorised: (body, status) => {
      expect(status).toBe(401);
      expect(body).toMatchObject({ category: "INVALID_AUTHENTICATION" });
    },
  },
  {
    integration: "mixpanel",
    path: "/import",
    valid: [{ event: "Signed Up", properties: { time: 1767225600000, distinct_id: "u1", $insert_id: "abc-123" } }],
    invalid: [{ event: "Signed Up", properties: {} }],
    auth: (secret) => ({ headers: { authorization: `Basic ${Buffer.from(`${secret}:`).toString("base64")}` } }),
    success: (body, status) => {
      expect(status).toBe(200);
      expect(body).toEqual({ code: 200, num_records_imported: 1, status: "OK" });
    },
    rejected: (body, status) => {
      expect(status).toBe(400);
      expect(body).toMatchObject({ code: 400, failed_records: [{ index: 0 }], status: "Bad Request" });
    },
    unauthorised: (body, status) => {
      expect(status).toBe(401);
      expect(body).toMatchObject({ code: 401, error: "Invalid credentials" });
    },
  },
];

let running: RunningEmulator | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function post(emulator: RunningEmulator, test: Case, body: unknown, credential: string) {
  const { headers, query } = test.auth(credential);
  const answer = await request(`${emulator.url}${test.path}${query ? `?${query}` : ""}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await answer.body.text();
  return { status: answer.statusCode, body: text === "" ? null : (JSON.parse(text) as unknown) };
}

describe.each(CASES)("the $integration emulator", (test) => {
  async function start(options = {}) {
    const module = await findEmulator(test.integration);
    expect(module).toBeDefined();
    running = await startGenericEmulator(test.integration, module!, options);
    return { emulator: running, credential: module!.demoCredential! };
  }

  it("answers a valid request in the destination's success shape and records it without the credential", async () => {
    const { emulator, credential } = await start();
    const answer = await post(emulator, test, test.valid, credential);
    test.success(answer.body, answer.status);
    const recorded = emulator.requests();
    expect(recorded).toHaveLength(1);
    expect(JSON.stringify(recorded)).not.toContain(credential);
    expect(recorded[0]!.body).toEqual(test.valid);
  });

  it("checks the body against the request schema and answers in the destination's error shape", async () => {
    const { emulator, credential } = await start();
    const answer = await post(emulator, test, test.invalid, credential);
    test.rejected(answer.body, answer.status);
  });

  it("refuses a wrong credential", async () => {
    const { emulator } = await start();
    const answer = await post(emulator, test, test.valid, "wrong-credential");
    test.unauthorised(answer.body, answer.status);
  });

  it("injects 429 (with and without Retry-After), 5xx and dropped connections", async () => {
    const { emulator, credential } = await start();
    emulator.failNext([{ status: 429, headers: { "retry-after": "2" } }, { status: 429 }, { status: 503 }, "drop"]);
    const first = await post(emulator, test, test.valid, credential);
    expect(first.status).toBe(429);
    expect((await post(emulator, test, test.valid, credential)).status).toBe(429);
    expect((await post(emulator, test, test.valid, credential)).status).toBe(503);
    await expect(post(emulator, test, test.valid, credential)).rejects.toThrow();
    test.success((await post(emulator, test, test.valid, credential)).body, 200);
  });

  it("enforces a rate limit per account, and keeps a bounded record", async () => {
    const { emulator, credential } = await start({ rateLimit: 2, retryAfterHeader: true, maxRequests: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(emulator, test, test.valid, credential)).status);
    expect(statuses[2]).toBe(test.integration === "meta" ? 400 : 429);
    expect(emulator.requests()).toHaveLength(2);
  });

  it("bounds its record in bytes too: a tiny byte budget keeps only the newest request", async () => {
    const { emulator, credential } = await start({ maxBytes: 1 });
    for (let i = 0; i < 3; i++) await post(emulator, test, test.valid, credential);
    expect(emulator.requests()).toHaveLength(1);
  });
});

describe("routes read from the integration's presets", () => {
  it("turns each send's URL template into a path pattern", () => {
    expect(pathOfTemplate("https://graph.example.com/v25.0/{settings.pixel_id}/events?x=1")).toBe(
      "/v25.0/{pixel_id}/events",
    );
  });

  it("serves a module that declares no routes from its presets' sends and their embedded schemas", async () => {
    const routes = await routesFromPresets("salesloft");
    expect(routes.map((route) => `${route.method} ${route.path}`)).toEqual(["POST /v2/person_upserts"]);
    expect(routes[0]!.schemaObject).toBeDefined();
    running = await startGenericEmulator("salesloft", { title: "From presets" });
    const send = (body: unknown) =>
      request(`${running!.url}/v2/person_upserts`, { method: "POST", body: JSON.stringify(body) });
    const valid = { upsert_key: "email_address", email_address: "a@example.com", do_not_contact: true };
    const answer = await send(valid);
    expect(await answer.body.text()).toBe("{}");
    expect(answer.statusCode).toBe(200);
    expect((await send({ email_address: 42 })).statusCode).toBe(400);
    expect((await request(`${running.url}/elsewhere`, { method: "POST" })).statusCode).toBe(404);
  });
});
