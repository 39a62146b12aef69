// A store that fails for a moment (disk full, a dropped database connection) neither kills the worker nor the process.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DeliveryWorker, type WorkerTarget } from "../../serve/worker.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import type { Store } from "../../store/store.js";

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "signal-map-worker-errors-"));
  store = openSqliteStore(join(dir, "store.db"));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The real store, except that the named calls fail the first time they are made. */
function failingOnce(real: Store, calls: readonly ("claim" | "complete" | "expire")[]): Store {
  const pending = new Set<string>(calls);
  return new Proxy(real, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (pending.delete(String(name))) return Promise.reject(new Error(`${String(name)}: database or disk is full`));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe("delivery worker and a failing store", () => {
  it("reports the failures, keeps claiming, and delivers the row whose completion was lost", async () => {
    await store.ingest([
      {
        source: "web",
        messageId: "m1",
        payload: JSON.stringify({ id: "m1" }),
        receivedAt: Date.now(),
        routes: [{ integration: "dest", orderKey: "a" }],
      },
    ]);
    let attempts = 0;
    const target: WorkerTarget = {
      name: "dest",
      paused: false,
      async attempt() {
        attempts += 1;
        return { kind: "delivered", record: { at: Date.now(), durationMs: 1, httpStatus: 200 }, warnings: [] };
      },
    };
    const errors: string[] = [];
    const worker = new DeliveryWorker({
      store: failingOnce(store, ["expire", "claim", "complete"]),
      targets: new Map([["dest", target]]),
      owner: "w",
      concurrency: 2,
      leaseMs: 20,
      maxAgeMs: 60_000,
      retentionMs: 60_000,
      pollMs: 5,
      onError: (what, error) => errors.push(`${what}: ${(error as Error).message}`),
    });
    worker.start();
    const delivered = async () => (await store.recent(1))[0].rows[0].state === "delivered";
    for (let i = 0; i < 400 && !(await delivered()); i++) await new Promise((r) => setTimeout(r, 10));
    await worker.stop(1_000);
    expect(await delivered()).toBe(true);
    // The lost completion leaves the row leased; once the lease runs out it is claimed and sent again.
    expect(attempts).toBe(2);
    expect(errors).toEqual([
      "the delivery loop could not read the store: expire: database or disk is full",
      "the delivery loop could not read the store: claim: database or disk is full",
      "a delivery's result could not be stored: complete: database or disk is full",
    ]);
  });
});
