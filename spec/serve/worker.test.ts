// The delivery worker: per-person order across retries, backoff kept in the store, dead letters after the max age.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DeliveryWorker, type AttemptResult, type WorkerTarget } from "../../serve/worker.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import type { IncomingEvent, Store } from "../../store/store.js";

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "signal-map-worker-"));
  store = openSqliteStore(join(dir, "store.db"));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function event(id: string, person: string): IncomingEvent {
  return {
    source: "web",
    messageId: id,
    payload: JSON.stringify({ id, person }),
    receivedAt: Date.now(),
    routes: [{ integration: "dest", orderKey: person }],
  };
}

/** A destination that answers from a script: each call takes the next answer for that event id. */
function scriptedTarget(script: Record<string, AttemptResult["kind"][]>, landed: string[]): WorkerTarget {
  return {
    name: "dest",
    paused: false,
    async attempt(payload) {
      const { id } = JSON.parse(payload) as { id: string };
      const kind = script[id]?.shift() ?? "delivered";
      const record = { at: Date.now(), durationMs: 1, httpStatus: kind === "delivered" ? 200 : 503 };
      if (kind === "delivered") {
        landed.push(id);
        return { kind, record, warnings: [] };
      }
      return kind === "retry" ? { kind, record, error: "503" } : { kind: "failed", record, error: "400" };
    },
  };
}

async function runUntil(worker: DeliveryWorker, done: () => Promise<boolean>): Promise<void> {
  worker.start();
  for (let i = 0; i < 400 && !(await done()); i++) await new Promise((r) => setTimeout(r, 10));
  await worker.stop(1_000);
}

describe("delivery worker", () => {
  it("delivers each person's events in order even when the first needs retries", async () => {
    const landed: string[] = [];
    const target = scriptedTarget({ a1: ["retry", "retry"] }, landed);
    await store.ingest([event("a1", "a"), event("a2", "a"), event("b1", "b")]);
    const worker = new DeliveryWorker({
      store,
      targets: new Map([["dest", target]]),
      owner: "w",
      concurrency: 4,
      maxAgeMs: 60_000,
      retentionMs: 60_000,
      pollMs: 5,
      backoff: { baseMs: 5, maxMs: 10 },
    });
    await runUntil(worker, async () => landed.length === 3);
    expect(landed.filter((id) => id.startsWith("a"))).toEqual(["a1", "a2"]);
    const views = await store.recent(10);
    const a1 = views.find((v) => v.messageId === "a1")!.rows[0];
    expect(a1).toMatchObject({ state: "delivered", attempts: 3 });
    expect(a1.history.map((h) => h.httpStatus)).toEqual([503, 503, 200]);
  });

  it("turns an event that keeps failing past the maximum age into a dead letter, and moves on to the next", async () => {
    const landed: string[] = [];
    const target = scriptedTarget({ a1: Array(50).fill("retry") }, landed);
    await store.ingest([event("a1", "a"), event("a2", "a")]);
    const worker = new DeliveryWorker({
      store,
      targets: new Map([["dest", target]]),
      owner: "w",
      concurrency: 2,
      maxAgeMs: 40,
      retentionMs: 60_000,
      pollMs: 5,
      backoff: { baseMs: 20, maxMs: 20 },
      random: () => 1,
    });
    await runUntil(worker, async () => landed.includes("a2"));
    const views = await store.recent(10);
    expect(views.find((v) => v.messageId === "a1")!.rows[0].state).toBe("dead");
    expect(landed).toEqual(["a2"]);
  });

  it("leaves a paused integration's queue untouched until it is resumed", async () => {
    const landed: string[] = [];
    const target = scriptedTarget({}, landed);
    target.paused = true;
    await store.ingest([event("a1", "a")]);
    const worker = new DeliveryWorker({
      store,
      targets: new Map([["dest", target]]),
      owner: "w",
      concurrency: 2,
      maxAgeMs: 60_000,
      retentionMs: 60_000,
      pollMs: 5,
    });
    worker.start();
    await new Promise((r) => setTimeout(r, 60));
    expect(landed).toEqual([]);
    target.paused = false;
    await runUntil(worker, async () => landed.length === 1);
    expect((await store.recent(1))[0].rows[0]).toMatchObject({ state: "delivered", attempts: 1 });
  });
});
