// serve keeps deliver's guarantee: after an attempt that may still be applied, the person's latest event lands last.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadPreset } from "../../loader/load-preset.js";
import type { Emulator } from "../../presets/salesloft/emulator/index.js";
import { routeEvent } from "../../serve/routing.js";
import { IntegrationTarget } from "../../serve/targets.js";
import { DeliveryWorker } from "../../serve/worker.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import type { Store } from "../../store/store.js";
import { API_KEY, emulatorFor, senderFor } from "../delivery/helpers/harness.js";
import { leadLine } from "../delivery/helpers/test-preset.js";

let dir: string;
let store: Store;
let emulator: Emulator;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "signal-map-ambiguous-"));
  store = openSqliteStore(join(dir, "store.db"));
  // The first upsert is held 2 s and applied then; the attempt times out after 1 s.
  emulator = await emulatorFor({ failNext: [{ delayMs: 2_000 }] });
});
afterEach(async () => {
  await emulator.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("serve after an ambiguous timeout", () => {
  it("holds the person's head until the window has passed, so the second update lands last", async () => {
    const preset = await loadPreset("presets/salesloft/lead-capture.map");
    const settings = preset.validateSettings({ api_key: API_KEY });
    if (!settings.ok) throw new Error(settings.problems.join("; "));
    // In-memory retries end within 1.5 s: the retry after the timeout is a row in the store with a due time.
    const policy = { attemptTimeoutMs: 1_000, maxTotalMs: 1_500, ambiguityWindowMs: 4_000 };
    const sender = senderFor(emulator, { policy });
    const target = new IntegrationTarget({
      name: "salesloft",
      preset,
      settings: settings.settings,
      paused: false,
      sender,
      store,
    });
    const events = ["First title", "Second title"].map((title, i) => {
      const event = JSON.parse(leadLine("late@example.com", { title, id: `late-${i}` })) as Record<string, unknown>;
      const payload = JSON.stringify(event);
      return {
        source: "web",
        messageId: `late-${i}`,
        payload,
        receivedAt: Date.now(),
        routes: routeEvent(event, [target]),
      };
    });
    const keys = events.map((e) => (e.routes[0] as { orderKey?: string }).orderKey);
    expect(keys[0]).toEqual(expect.any(String));
    expect(keys[1]).toBe(keys[0]);
    await store.ingest(events);
    const worker = new DeliveryWorker({
      store,
      targets: new Map([["salesloft", target]]),
      owner: "w",
      concurrency: 4,
      maxAgeMs: 600_000,
      retentionMs: 600_000,
      pollMs: 20,
      backoff: { baseMs: 5, maxMs: 10 },
    });
    worker.start();
    try {
      await vi.waitFor(() => expect(emulator.requests()).toHaveLength(3), { timeout: 30_000, interval: 50 });
    } finally {
      await worker.stop(5_000);
      await sender.close();
    }
    const titles = emulator.requests().map((r) => (r.body as { title?: string }).title);
    expect(titles).toEqual(["First title", "First title", "Second title"]);
    expect(emulator.people()[0]).toMatchObject({ title: "Second title" });
    const first = (await store.recent(10)).find((v) => v.messageId === "late-0")!.rows[0]!;
    expect(first).toMatchObject({ state: "delivered", attempts: 2 });
    expect(first.history[0]!.error).toMatch(/1 s|1000 ms|time/i);
  });
});
