// Reading ahead of sending is bounded in bytes as well as in events: large events never pile up in memory.

import { describe, expect, it } from "vitest";
import { deliverEvents, DEFAULT_MAX_READ_AHEAD_BYTES } from "../../delivery/deliver.js";
import type { Prepared } from "../../delivery/prepared.js";
import type { RequestSender, SendReport } from "../../delivery/sender.js";

const preset = {
  transform: (event: unknown) => preset.prepare(event).outcome,
  prepare: (event: unknown): Prepared => {
    const { messageId } = event as { messageId: string };
    const request = { method: "POST", url: "https://api.example.com/v1/x", headers: {}, body: { messageId } };
    return { outcome: { messageId, outcome: "send", request, warnings: [] } };
  },
};

/** A sender whose requests wait until the test releases them, counting the most input held at once. */
function heldSender() {
  const waiting: (() => void)[] = [];
  const sender: RequestSender = {
    send: () =>
      new Promise<SendReport>((resolve) =>
        waiting.push(() =>
          resolve({ status: "delivered", attempts: 1, rateLimited: 0, warnings: [], interrupted: false }),
        ),
      ),
    close: async () => undefined,
  };
  return { sender, waiting };
}

/** 200 lines of `size` characters; counts how many were read before any was sent. */
function bigLines(size: number, count: number) {
  const state = { read: 0, mostUnfinished: 0, finished: 0 };
  const padding = "x".repeat(size);
  function* lines() {
    for (let i = 0; i < count; i += 1) {
      state.read += 1;
      state.mostUnfinished = Math.max(state.mostUnfinished, state.read - state.finished);
      yield JSON.stringify({ messageId: `m${i}`, padding });
    }
  }
  return { state, lines };
}

async function run(size: number, maxReadAheadBytes?: number) {
  const { sender, waiting } = heldSender();
  const { state, lines } = bigLines(size, 200);
  const done = deliverEvents(lines(), {
    preset,
    settings: {},
    sender,
    concurrency: 1,
    onResult: () => (state.finished += 1),
    ...(maxReadAheadBytes !== undefined ? { maxReadAheadBytes } : {}),
  });
  // Release one request at a time until every event has its result.
  while (state.finished < 200) {
    await new Promise((resolve) => setImmediate(resolve));
    waiting.shift()?.();
  }
  const summary = await done;
  return { summary, state };
}

describe("read-ahead bounded in bytes", () => {
  it("holds at most 16 MiB of input by default: 200 events of 2 MB are never more than 9 unfinished", async () => {
    const { summary, state } = await run(2_000_000);
    expect(summary.delivered).toBe(200);
    expect(DEFAULT_MAX_READ_AHEAD_BYTES).toBe(16 * 1024 * 1024);
    // 8 lines of 2 MB stay under 16 MiB; the 9th reaches it and reading waits.
    expect(state.mostUnfinished).toBeLessThanOrEqual(9);
    expect(state.mostUnfinished).toBeGreaterThan(1);
  });

  it("is configurable, and one event larger than the cap is still read and delivered alone", async () => {
    const { summary, state } = await run(5_000, 1_000);
    expect(summary.delivered).toBe(200);
    expect(state.mostUnfinished).toBe(1);
  });

  it("small events are still bounded by count (64 at concurrency 1), not by bytes", async () => {
    const { summary, state } = await run(10);
    expect(summary.delivered).toBe(200);
    expect(state.mostUnfinished).toBeLessThanOrEqual(65);
    expect(state.mostUnfinished).toBeGreaterThan(60);
  });
});
