// The live pipeline end to end: serve's collection, store, worker and delivery against the Salesloft emulator.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../presets/salesloft/emulator/index.js";
import { parseServeConfig } from "../../serve/config.js";
import { startPipeline, PipelineConfigError, type RunningPipeline } from "../../serve/pipeline.js";

const ROOT = resolve(import.meta.dirname, "../..");
const PRESET = join(ROOT, "presets/salesloft/lead-capture.map");
const AUTH = `Basic ${Buffer.from("wk_test:").toString("base64")}`;

let dir: string;
let emulator: Emulator;
let pipeline: RunningPipeline | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "signal-map-serve-"));
  emulator = await startEmulator();
});

afterEach(async () => {
  await pipeline?.close(2_000);
  pipeline = undefined;
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(extra: Record<string, unknown> = {}, env: Record<string, string> = { SL_KEY: "test-key" }) {
  const raw = {
    listen: { host: "127.0.0.1", port: 0 },
    store: `sqlite:${join(dir, "store.db")}`,
    sources: [{ name: "web", writeKey: "wk_test" }],
    integrations: [
      { name: "salesloft", preset: PRESET, settings: { api_key: { env: "SL_KEY" } }, baseUrl: emulator.url },
    ],
    ...extra,
  };
  const parsed = parseServeConfig(raw, dir);
  if (!parsed.ok) throw new Error(parsed.problems.join("; "));
  const configPath = join(dir, "config.json");
  writeFileSync(configPath, JSON.stringify(raw));
  pipeline = await startPipeline({ config: parsed.config, configPath, env, log: () => undefined });
  return pipeline;
}

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${pipeline!.url}${path}`, {
    method: "POST",
    headers: { Authorization: AUTH },
    body: JSON.stringify(body),
  });
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting until ${what}`);
}

const SEED = {
  event: "Lead Generated",
  messageId: "seed-1",
  properties: { lead_source: "Website Contact Form" },
  context: {
    locale: "en-GB",
    consent: { marketing: "granted" },
    campaign: { source: "google", medium: "cpc", name: "brand" },
    traits: {
      first_name: "Jane",
      last_name: "Doe",
      email: "Jane.Doe@Example.com ",
      phone: "07700 900123",
      title: "Head of Marketing",
      company: "Example Ltd",
    },
  },
};

describe("serve", () => {
  it("delivers the seed's example posted to /v1/track as the seed's Person", async () => {
    await start();
    expect((await post("/v1/track", SEED)).status).toBe(200);
    await until(() => emulator.people().length === 1, "the Person lands");
    expect(emulator.people()[0]).toMatchObject({
      email_address: "jane.doe@example.com",
      first_name: "Jane",
      last_name: "Doe",
      phone: "+447700900123",
      title: "Head of Marketing",
      person_company_name: "Example Ltd",
      do_not_contact: false,
      tags: ["Website Contact Form"],
    });
    // What the Event Debugger shows: delivered with a 200 and the Person id in the response.
    let row = (await pipeline!.store.recent(1))[0].rows[0];
    for (let i = 0; i < 200 && row.state === "pending"; i++) {
      await new Promise((r) => setTimeout(r, 25));
      row = (await pipeline!.store.recent(1))[0].rows[0];
    }
    expect(row.state).toBe("delivered");
    expect(row.history.at(-1)).toMatchObject({ httpStatus: 200, destinationId: String(emulator.people()[0].id) });
    expect(JSON.stringify(row.history)).not.toContain("test-key");
  });

  it("delivers a mixed batch, drops what the preset does not handle and records why a lead without email failed", async () => {
    await start();
    const batch = [
      { type: "identify", messageId: "b1", traits: { email: "a@example.com", title: "CTO" } },
      { type: "page", messageId: "b2", name: "Home" },
      { type: "track", event: "Lead Generated", messageId: "b3", context: { traits: { first_name: "No Email" } } },
      {
        type: "track",
        event: "Signed Up",
        messageId: "b4",
        properties: { method: "google" },
        traits: { email: "b@example.com" },
      },
    ];
    expect((await post("/v1/batch", { batch })).status).toBe(200);
    await until(() => emulator.people().length === 2, "two People land");
    const states = async () =>
      Object.fromEntries((await pipeline!.store.recent(10)).map((v) => [v.messageId, v.rows[0]?.state]));
    for (let i = 0; i < 200 && Object.values(await states()).includes("pending"); i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(await states()).toEqual({ b1: "delivered", b2: "dropped", b3: "failed", b4: "delivered" });
    const failed = (await pipeline!.store.recent(10)).find((v) => v.messageId === "b3")!.rows[0];
    expect(failed.detail).toMatch(/missing_required: traits.email is required/);
    const delivered = (await pipeline!.store.recent(10)).find((v) => v.messageId === "b1")!.rows[0];
    expect(delivered.history.at(-1)).toMatchObject({ httpStatus: 200, destinationId: String(emulator.people()[0].id) });
  });

  it("shows the lead in the Event Debugger, delivered with the Person id and the rule behind each field", async () => {
    await start({ admin: { password: { env: "ADMIN_PW" } } }, { SL_KEY: "test-key", ADMIN_PW: "pw-for-test" });
    expect((await post("/v1/track", SEED)).status).toBe(200);
    await until(() => emulator.people().length === 1, "the Person lands");
    const admin = { Authorization: `Basic ${Buffer.from("admin:pw-for-test").toString("base64")}` };
    expect((await fetch(`${pipeline!.url}/api/events`)).status).toBe(401);
    const [view] = await pipeline!.store.recent(1);
    let detail: any;
    for (let i = 0; i < 200; i++) {
      detail = await (await fetch(`${pipeline!.url}/api/events/${view.id}`, { headers: admin })).json();
      if (JSON.stringify(detail).includes('"delivered"')) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const text = JSON.stringify(detail);
    expect(text).toContain(String(emulator.people()[0].id));
    // The URL the lead went to (the emulator named by baseUrl), not the vendor's host the preset names.
    expect(detail.integrations[0].request.url).toBe(`${emulator.url}/v2/person_upserts`);
    expect(text).not.toContain("test-key");
    const explanation = detail.integrations[0].explanation;
    expect(explanation.fields).toContainEqual(
      expect.objectContaining({ field: "email_address", value: "jane.doe@example.com" }),
    );
  });

  it("answers bad JSON with 400, an unknown key with 401 and an oversized body with 413", async () => {
    await start({ limits: { eventBytes: 1_000, requestBytes: 5_000 } });
    const bad = await fetch(`${pipeline!.url}/v1/track`, {
      method: "POST",
      headers: { Authorization: AUTH },
      body: "{",
    });
    expect(bad.status).toBe(400);
    const unknown = await fetch(`${pipeline!.url}/v1/track`, {
      method: "POST",
      body: JSON.stringify({ writeKey: "nope", event: "x" }),
    });
    expect(unknown.status).toBe(401);
    expect((await post("/v1/track", { event: "x", properties: { blob: "x".repeat(6_000) } })).status).toBe(413);
  });

  it("keeps each person's updates in order under injected 429s and 5xx, and loses none", async () => {
    emulator.set({ failureRate: 0.3, seed: 7 });
    await start();
    const people = ["p1", "p2", "p3"];
    const events = Array.from({ length: 30 }, (_, i) => ({
      type: "identify",
      messageId: `o${i}`,
      traits: { email: `${people[i % 3]}@example.com`, title: `title ${i}` },
    }));
    for (const chunk of [events.slice(0, 10), events.slice(10, 20), events.slice(20)]) {
      expect((await post("/v1/batch", { batch: chunk })).status).toBe(200);
    }
    await until(() => {
      const titles = Object.fromEntries(emulator.people().map((p) => [p.email_address, p.title]));
      return (
        titles["p1@example.com"] === "title 27" &&
        titles["p2@example.com"] === "title 28" &&
        titles["p3@example.com"] === "title 29"
      );
    }, "every person ends on their latest title");
    const upserts = emulator.requests().filter((r) => r.path.includes("person_upserts") && r.status === 200);
    for (const person of people) {
      const seen = upserts
        .map((r) => r.body as { email_address?: string; title?: string })
        .filter((b) => b.email_address === `${person}@example.com`)
        .map((b) => Number(b.title!.split(" ")[1]));
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    }
  });

  it("refuses to start with a secret written in the config, naming the setting", async () => {
    const raw = {
      sources: [{ name: "web", writeKey: "k" }],
      integrations: [{ name: "s", preset: PRESET, settings: { api_key: "sk_live_plain" } }],
    };
    const parsed = parseServeConfig(raw, dir);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const config = { ...parsed.config, store: `sqlite:${join(dir, "x.db")}` };
    const error = await startPipeline({ config, env: {}, log: () => undefined }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineConfigError);
    expect(String((error as Error).message)).toMatch(/api_key is a secret and may not be written in the config/);
    expect(String((error as Error).message)).not.toMatch(/sk_live_plain/);
  });
});
