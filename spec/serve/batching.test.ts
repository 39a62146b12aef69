// serve batches where a preset declares it: fewer requests than events, each within the declared limits, every event
// landed once and in order per person, under injected 413, 429 and 5xx, on both stores; unbatched stays one by one.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startGenericEmulator, type RunningEmulator } from "../../emulator/generic.js";
import type { ScriptedAnswer } from "../../emulator/faults.js";
import type { RecordedRequest } from "../../emulator/recorder.js";
import { findEmulator } from "../../emulator/registry.js";
import { startEmulator as startSalesloft } from "../../presets/salesloft/emulator/index.js";
import { parseServeConfig } from "../../serve/config.js";
import { startPipeline, type RunningPipeline } from "../../serve/pipeline.js";
import type { RowView } from "../../store/store.js";
import { testDatabase } from "../store/postgres-test-db.js";

const ROOT = resolve(import.meta.dirname, "../..");
const AUTH = `Basic ${Buffer.from("wk_test:").toString("base64")}`;
const HUBSPOT_TOKEN = "test-hubspot-private-app-token";
const MIXPANEL_USER = "test-mixpanel-secret";

let dir: string;
let pipeline: RunningPipeline | undefined;
let emulator: { close(): Promise<void> } | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "signal-map-serve-batch-"));
});

afterEach(async () => {
  await pipeline?.close(2_000);
  pipeline = undefined;
  await emulator?.close();
  emulator = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function start(store: string, integration: Record<string, unknown>, env: Record<string, string>) {
  const raw = {
    listen: { host: "127.0.0.1", port: 0 },
    store,
    sources: [{ name: "web", writeKey: "wk_test" }],
    integrations: [integration],
  };
  const parsed = parseServeConfig(raw, dir);
  if (!parsed.ok) throw new Error(parsed.problems.join("; "));
  pipeline = await startPipeline({ config: parsed.config, env, log: () => undefined });
  return pipeline;
}

async function genericEmulator(name: string, failNext: readonly ScriptedAnswer[]): Promise<RunningEmulator> {
  const running = await startGenericEmulator(name, (await findEmulator(name))!, { failNext });
  emulator = running;
  return running;
}

async function postBatch(events: readonly unknown[]): Promise<void> {
  const answer = await fetch(`${pipeline!.url}/v1/batch`, {
    method: "POST",
    headers: { Authorization: AUTH },
    body: JSON.stringify({ batch: events }),
  });
  expect(answer.status).toBe(200);
}

/** Every row of every stored event, once none is pending any more. */
async function settledRows(expected: number): Promise<RowView[]> {
  for (let i = 0; i < 1_200; i++) {
    const rows = (await pipeline!.store.recent(expected + 10)).flatMap((view) => view.rows);
    if (rows.length === expected && rows.every((row) => row.state !== "pending")) return rows;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("timed out waiting for every row to settle");
}

/** Lead events for `people` people, `perPerson` each, interleaved as a site would send them. */
function leads(people: number, perPerson: number) {
  return Array.from({ length: people * perPerson }, (_, i) => {
    const person = i % people;
    const n = Math.floor(i / people);
    const email = `person${person}@example.com`;
    const traits = { email, title: `v${n}` };
    return { type: "track", event: "Lead Generated", messageId: `p${person}-${n}`, traits, context: { traits } };
  });
}

type HubspotInput = { id: string; objectWriteTraceId: string };
const inputsOf = (request: RecordedRequest) => (request.body as { inputs: HubspotInput[] }).inputs;

const STORES: [string, () => Promise<string>][] = [
  ["SQLite", async () => `sqlite:${join(dir, "store.db")}`],
  ["PostgreSQL", async () => testDatabase()],
];

describe.each(STORES)("serve batching on the %s store", (_name, storeUrl) => {
  it("sends HubSpot fewer requests than events, within the batch limit, each event once and in order per person", async () => {
    // The first request (one head per person) is answered 413 and split; then 5xx and a 429 on later ones.
    const hubspot = await genericEmulator("hubspot", [
      { status: 413 },
      { status: 503 },
      { status: 429, headers: { "retry-after": "1" } },
      { status: 500 },
      { status: 502 },
      { status: 503 },
      { status: 500 },
    ]);
    await start(
      await storeUrl(),
      {
        name: "hubspot",
        preset: join(ROOT, "presets/hubspot/contacts.map"),
        settings: { access_token: { env: "HS_TOKEN" } },
        baseUrl: hubspot.url,
      },
      { HS_TOKEN: HUBSPOT_TOKEN },
    );
    const events = leads(40, 8);
    await postBatch(events.slice(0, 160));
    await postBatch(events.slice(160));
    const rows = await settledRows(events.length);
    expect(rows.filter((row) => row.state !== "delivered")).toEqual([]);

    const requests = hubspot.requests();
    expect(requests.length).toBeLessThan(events.length / 4);
    expect(requests.some((request) => request.status === 413 && inputsOf(request).length > 1)).toBe(true);
    expect(requests.some((request) => request.status >= 500)).toBe(true);
    expect(requests.some((request) => request.status === 429)).toBe(true);
    for (const request of requests) {
      const emails = inputsOf(request).map((input) => input.id);
      expect(emails.length).toBeLessThanOrEqual(100);
      // Each claimed row is the head of its person's queue: a batch never holds a person twice.
      expect(new Set(emails).size).toBe(emails.length);
    }
    const landed = requests.filter((request) => request.status === 200).flatMap(inputsOf);
    expect(landed.map((input) => input.objectWriteTraceId).sort()).toEqual(events.map((e) => e.messageId).sort());
    for (let person = 0; person < 40; person++) {
      const own = landed.filter((input) => input.id === `person${person}@example.com`);
      expect(own.map((input) => input.objectWriteTraceId)).toEqual(
        Array.from({ length: 8 }, (_, n) => `p${person}-${n}`),
      );
    }

    // The debugger's record of each event: the batch request, redacted, with this event's own input only.
    const history = rows.flatMap((row) => row.history);
    expect(JSON.stringify(history)).not.toContain(HUBSPOT_TOKEN);
    const last = rows[0]!.history.at(-1)! as { httpStatus?: number; request?: Record<string, unknown> };
    expect(last.httpStatus).toBe(200);
    expect((last.request!.body as { inputs: unknown[] }).inputs).toHaveLength(1);
    expect(last.request!.batch).toMatchObject({ path: "inputs" });
    expect(last.request!.url).toBe(`${hubspot.url}/crm/v3/objects/contacts/batch/upsert`);
    // ... and no other person's data: a batch's answer echoes every contact, so only its status is kept per event.
    for (const row of rows) {
      const emails = new Set(JSON.stringify(row.history).match(/person\d+@example\.com/g));
      expect([...emails]).toEqual([row.orderKey]);
    }
  });
});

describe("serve batching, per-event results", () => {
  it("completes each Mixpanel event with its own share of a partly rejected batch, and sends none twice", async () => {
    const rejected = { index: 3, field: "properties.time", message: "time is in the future" };
    const mixpanel = await genericEmulator("mixpanel", [
      { status: 400, body: { code: 400, error: "some data points failed", failed_records: [rejected] } },
    ]);
    await start(
      `sqlite:${join(dir, "store.db")}`,
      {
        name: "mixpanel",
        preset: join(ROOT, "presets/mixpanel/import.map"),
        settings: {
          project_id: "1",
          service_account_username: MIXPANEL_USER,
          service_account_secret: { env: "MP_SECRET" },
        },
        baseUrl: mixpanel.url,
      },
      { MP_SECRET: "mp-secret-value-123" },
    );
    const timestamp = "2026-11-30T10:00:00.000Z";
    const events = Array.from({ length: 50 }, (_, i) => ({
      type: "track",
      event: "Signed Up",
      messageId: `mp-${i}`,
      userId: `user-${i}`,
      timestamp,
    }));
    await postBatch(events);
    const rows = await settledRows(events.length);
    const failed = rows.filter((row) => row.state === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]!.detail).toContain("Mixpanel rejected this record (time is in the future)");
    expect(rows.filter((row) => row.state === "delivered")).toHaveLength(49);
    const sent = mixpanel.requests().flatMap((request) => request.body as { properties: { $insert_id: string } }[]);
    const ids = sent.map((record) => record.properties.$insert_id);
    expect(new Set(ids).size).toBe(events.length);
    expect(ids).toHaveLength(events.length);
    expect(mixpanel.requests().length).toBeLessThan(events.length);
    expect(JSON.stringify(rows.flatMap((row) => row.history))).not.toContain("mp-secret-value-123");
  });

  it("still sends Salesloft, whose preset declares no batch, one request per event", async () => {
    const salesloft = await startSalesloft();
    emulator = salesloft;
    await start(
      `sqlite:${join(dir, "store.db")}`,
      {
        name: "salesloft",
        preset: join(ROOT, "presets/salesloft/lead-capture.map"),
        settings: { api_key: { env: "SL_KEY" } },
        baseUrl: salesloft.url,
      },
      { SL_KEY: "test-key" },
    );
    const events = leads(12, 2);
    await postBatch(events);
    const rows = await settledRows(events.length);
    expect(rows.filter((row) => row.state !== "delivered")).toEqual([]);
    const upserts = salesloft.requests().filter((request) => request.method === "POST");
    expect(upserts).toHaveLength(events.length);
  });
});
