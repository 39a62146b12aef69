// Three `serve` processes on one PostgreSQL and the Salesloft emulator: one is kill -9'ed and restarted mid-run;
// nothing answered 200 is lost, each person's updates arrive in order, and no minute goes above the team's limit.
//
// Sizes: Salesloft's 600 upserts a minute would make 3,000 events take five minutes, and neither `serve` nor the
// emulator has an accelerated clock, so the team's limit is raised to 2,000 a minute on both sides (the emulator's
// rateLimitPerMinute and the integration's rateLimitPerMinute override): 3,000 events then need two windows of the
// shared limit, and the run (the second window opens a minute after the first grant; the killed process's leases
// run out 60 s after the kill) takes 80–120 s on a loaded two-core machine.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServeProcess, writeScaleConfig, type ServeProcess } from "../../bench/serve-process.js";
import { startEmulator, type Emulator } from "../../presets/salesloft/emulator/index.js";
import { testDatabase } from "../store/postgres-test-db.js";

const PROCESSES = 3;
const PEOPLE = 300;
const EVENTS = 3_000;
const LIMIT_PER_MINUTE = 2_000;
/** Requests on the wire at once from the posting side (browsers), spread round-robin over the processes. */
const POSTERS = 32;
/** serve's default delivery concurrency: at most this many deliveries are on the wire in one process at its kill. */
const SERVE_CONCURRENCY = 8;
const KILL_AFTER_ACKS = 600;
const AUTH = `Basic ${Buffer.from("wk_scale:").toString("base64")}`;

let dir: string;
let emulator: Emulator;
const processes: ServeProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "signal-map-scale-"));
  emulator = await startEmulator({ rateLimitPerMinute: LIMIT_PER_MINUTE, record: { maxRequests: 20_000 } });
});

afterAll(async () => {
  await Promise.allSettled(processes.map((p) => p.kill9()));
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Event i belongs to person i % PEOPLE; a person's events are posted in increasing i. */
function event(i: number) {
  return { type: "identify", messageId: `m${i}`, traits: { email: `p${i % PEOPLE}@example.com`, title: `e${i}` } };
}

async function post(url: string, i: number): Promise<boolean> {
  const res = await fetch(`${url}/v1/identify`, {
    method: "POST",
    headers: { Authorization: AUTH, "Content-Type": "application/json" },
    body: JSON.stringify(event(i)),
  }).catch(() => undefined);
  await res?.arrayBuffer().catch(() => undefined);
  return res?.status === 200;
}

/**
 * Posts every event, a person's next only after their previous was answered 200, round-robin over the processes;
 * a refused or broken request (a killed process) is posted again, with the same messageId, to the next process.
 * The order of one person's events is therefore the order they were acknowledged, whichever process took them.
 */
async function postAll(slots: ServeProcess[], onAck: (acked: number) => Promise<void>): Promise<void> {
  const nextOf = Array.from({ length: PEOPLE }, (_, p) => p);
  const ready = Array.from({ length: PEOPLE }, (_, p) => p);
  let turn = 0;
  let acked = 0;
  const poster = async () => {
    for (let person = ready.shift(); person !== undefined; person = ready.shift()) {
      const i = nextOf[person]!;
      while (!(await post(slots[turn++ % PROCESSES]!.url, i))) await new Promise((r) => setTimeout(r, 20));
      await onAck(++acked);
      nextOf[person] = i + PEOPLE;
      if (nextOf[person]! < EVENTS) ready.push(person);
    }
  };
  await Promise.all(Array.from({ length: POSTERS }, poster));
}

/** Each person's delivered titles (event numbers) in the order the emulator applied them. */
function deliveredByPerson(): Map<string, number[]> {
  const emailOf = new Map(emulator.people().map((p) => [p.id, String(p.email_address)]));
  const sequences = new Map<string, number[]>();
  for (const [id, updates] of emulator.updates()) {
    sequences.set(
      emailOf.get(id)!,
      updates.map((u) => Number(String(u.fields.title).slice(1))),
    );
  }
  return sequences;
}

describe("three serve processes on one PostgreSQL", () => {
  it("lose nothing answered 200, keep each person's order and the shared rate limit through a kill -9", async () => {
    const configPath = join(dir, "config.json");
    writeScaleConfig(configPath, {
      store: await testDatabase(),
      writeKey: "wk_scale",
      emulatorUrl: emulator.url,
      rateLimitPerMinute: LIMIT_PER_MINUTE,
      keyEnv: "SCALE_KEY",
    });
    const env = { SCALE_KEY: "test-key" };
    for (let n = 0; n < PROCESSES; n++) processes.push(await startServeProcess(configPath, env));
    let killedAt = Number.POSITIVE_INFINITY;
    let restartedAt = Number.POSITIVE_INFINITY;
    await postAll(processes, async (acked) => {
      if (acked !== KILL_AFTER_ACKS) return;
      killedAt = Date.now();
      await processes[1]!.kill9();
      processes[1] = await startServeProcess(configPath, env);
      restartedAt = Date.now();
    });
    expect(killedAt).toBeLessThan(Number.POSITIVE_INFINITY);

    const all = Array.from({ length: EVENTS }, (_, i) => i);
    const missing = () => {
      const landed = new Set([...deliveredByPerson().values()].flat());
      return all.filter((i) => !landed.has(i));
    };
    // Waiting on an outcome, not a duration: the killed process's leases run out after 60 s, the limit's second
    // window opens a minute after the first.
    for (let look = 0; look < 720 && missing().length > 0; look++) await new Promise((r) => setTimeout(r, 250));
    expect(missing(), processes.map((p) => p.log().slice(-1_000)).join("\n")).toEqual([]);

    const sequences = deliveredByPerson();
    expect(sequences.size).toBe(PEOPLE);
    const duplicates: number[] = [];
    for (let person = 0; person < PEOPLE; person++) {
      const sequence = sequences.get(`p${person}@example.com`)!;
      // In posting order (non-decreasing), and ending on the person's latest event.
      expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
      expect(sequence.at(-1)).toBe(person + PEOPLE * Math.floor((EVENTS - 1 - person) / PEOPLE));
      duplicates.push(...sequence.filter((i, k) => sequence[k - 1] === i));
    }
    // A duplicate is only an event that was on the wire in the killed process: its first copy reached the emulator
    // before the replacement process even listened (the emulator shares this process's event loop, so "before the
    // kill" cannot be told apart from "just after" here).
    expect(duplicates.length).toBeLessThanOrEqual(SERVE_CONCURRENCY);
    const firstArrival = new Map<number, number>();
    for (const updates of emulator.updates().values()) {
      for (const u of updates) {
        const i = Number(String(u.fields.title).slice(1));
        if (!firstArrival.has(i)) firstArrival.set(i, u.at);
      }
    }
    for (const i of duplicates) expect(firstArrival.get(i)!).toBeLessThanOrEqual(restartedAt);

    // The processes together never asked above the limit in any clock minute, so the emulator refused nothing.
    const minutes = emulator.requestsPerMinute();
    expect(minutes.reduce((sum, m) => sum + m.requests, 0)).toBe(EVENTS + duplicates.length);
    expect(minutes.length).toBeGreaterThanOrEqual(2);
    for (const minute of minutes) {
      expect(minute.requests).toBeLessThanOrEqual(LIMIT_PER_MINUTE);
      expect(minute.refused).toBe(0);
    }

    const codes = await Promise.all(processes.map((p) => p.stop()));
    expect(codes).toEqual([0, 0, 0]); // SIGTERM drains and exits cleanly
  }, 300_000);
});
