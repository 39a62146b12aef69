// Batching: requests of a `batch` send merge up to its limits, a 413 splits them, results go back per event, and
// order per person holds across batches.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { IntegrationAdapter } from "../../delivery/adapter.js";
import { deliverEvents } from "../../delivery/deliver.js";
import { createHttpSender } from "../../delivery/http-sender.js";
import type { Prepared } from "../../delivery/prepared.js";
import type { DeliverySendSpec } from "../../delivery/request-guard.js";
import type { DeliveryResult } from "../../delivery/results.js";
import { recordingServer, type RecordingServer } from "./helpers/recording-server.js";

const URL_ = "https://api.example.com/v1/events?strict=1";
const spec = (path: string[], maxItems: number, maxBytes?: number): DeliverySendSpec => ({
  method: "POST",
  origin: "https://api.example.com",
  urlTemplate: "https://api.example.com/v1/events",
  batch: { path, maxItems, ...(maxBytes ? { maxBytes } : {}) },
});

interface BatchEvent {
  readonly id: string;
  readonly person?: string;
  readonly project?: string;
}

function presetFor(send: DeliverySendSpec) {
  const prepare = (event: unknown): Prepared => {
    const { id, person, project } = event as BatchEvent;
    const item = { name: id };
    const body = send.batch!.path.length === 0 ? [item] : { project: project ?? "p1", events: [item] };
    const request = { method: "POST", url: URL_, headers: { "Content-Type": "application/json" }, body };
    return { outcome: { messageId: id, outcome: "send", request, warnings: [] }, send, orderKey: person };
  };
  return { transform: (event: unknown) => prepare(event).outcome, prepare };
}

let server: RecordingServer;
beforeEach(async () => {
  server = await recordingServer();
});
afterEach(async () => {
  await server.close();
});

async function deliver(events: BatchEvent[], send: DeliverySendSpec, adapter?: IntegrationAdapter) {
  const policy = {
    maxAttempts: 3,
    maxTotalMs: 5_000,
    baseDelayMs: 1,
    maxDelayMs: 2,
    attemptTimeoutMs: 5_000,
    rateLimitMarginMs: 0,
  };
  const sender = createHttpSender({ baseUrl: server.url, policy, random: () => 0, ...(adapter ? { adapter } : {}) });
  const results: DeliveryResult[] = [];
  try {
    await deliverEvents(events, {
      preset: presetFor(send),
      settings: {},
      sender,
      batchWaitMs: 20,
      onResult: (r) => results.push(r),
    });
  } finally {
    await sender.close();
  }
  return results.sort((a, b) => a.line - b.line);
}

const names = (body: string): string[] => {
  const parsed = JSON.parse(body) as { events?: { name: string }[] } | { name: string }[];
  return (Array.isArray(parsed) ? parsed : parsed.events!).map((item) => item.name);
};
const ids = (count: number, extra: Partial<BatchEvent> = {}) =>
  Array.from({ length: count }, (_, i) => ({ id: `e${i + 1}`, ...extra }));

describe("batching", () => {
  it("merges requests up to maxItems and keeps the body outside the list", async () => {
    const results = await deliver(ids(5), spec(["events"], 3));
    expect(results.every((r) => r.status === "delivered")).toBe(true);
    expect(server.arrived.map((a) => names(a.body))).toEqual([
      ["e1", "e2", "e3"],
      ["e4", "e5"],
    ]);
    expect(JSON.parse(server.arrived[0]!.body).project).toBe("p1");
    expect(server.arrived[0]!.target).toBe("/v1/events?strict=1");
  });

  it("never merges requests whose body differs outside the list", async () => {
    await deliver(
      [
        { id: "a", project: "p1" },
        { id: "b", project: "p2" },
        { id: "c", project: "p1" },
      ],
      spec(["events"], 10),
    );
    const batches = server.arrived.map((a) => [JSON.parse(a.body).project, names(a.body)]);
    expect(batches).toEqual(
      expect.arrayContaining([
        ["p1", ["a", "c"]],
        ["p2", ["b"]],
      ]),
    );
    expect(batches).toHaveLength(2);
  });

  it("merges a top-level array body and respects maxBytes", async () => {
    // Each item is {"name":"eN"} (13 bytes with its comma); 40 bytes hold two of them and the brackets.
    await deliver(ids(5), spec([], 100, 40));
    expect(server.arrived.map((a) => names(a.body))).toEqual([["e1", "e2"], ["e3", "e4"], ["e5"]]);
  });

  it("splits a batch the server rejects with 413 into halves, and delivers each", async () => {
    server.script([{ status: 413, body: '{"error":"too large"}' }]);
    const results = await deliver(ids(4), spec(["events"], 10));
    expect(results.map((r) => r.status)).toEqual(["delivered", "delivered", "delivered", "delivered"]);
    expect(server.arrived.map((a) => names(a.body))).toEqual([
      ["e1", "e2", "e3", "e4"],
      ["e1", "e2"],
      ["e3", "e4"],
    ]);
  });

  it("keeps the order per person across batches: the next event waits for the earlier one's batch", async () => {
    server.script([{ status: 503 }]);
    const events = [
      { id: "a1", person: "a" },
      { id: "b1", person: "b" },
      { id: "a2", person: "a" },
    ];
    const results = await deliver(events, spec(["events"], 10));
    expect(results.map((r) => r.status)).toEqual(["delivered", "delivered", "delivered"]);
    const sent = server.arrived.map((a) => names(a.body));
    // a2 joined no batch before a1's batch (retried after its 503) had its final answer.
    expect(sent).toEqual([["a1", "b1"], ["a1", "b1"], ["a2"]]);
  });

  it("reports per-event results when the adapter reads them from the batch answer", async () => {
    server.script([
      { status: 200, body: JSON.stringify({ results: [{ ok: true, id: 7 }, { ok: false }, { ok: true, id: 9 }] }) },
    ]);
    const adapter: IntegrationAdapter = {
      integration: "example",
      batchResults: (answer, items) => {
        const parsed = JSON.parse(answer.bodyText) as { results: { ok: boolean; id?: number }[] };
        if (parsed.results.length !== items) return undefined;
        return parsed.results.map((r) =>
          r.ok ? { ok: true as const, id: r.id } : { ok: false as const, error: "rejected" },
        );
      },
    };
    const results = await deliver(ids(3), spec(["events"], 10), adapter);
    expect(results.map((r) => [r.status, r.personId ?? r.error])).toEqual([
      ["delivered", 7],
      ["failed", "rejected"],
      ["delivered", 9],
    ]);
    expect(server.arrived).toHaveLength(1);
  });

  it("gives no event the id read from a whole batch's answer, which names one record of several", async () => {
    server.fallback = { status: 200, body: '{"id":42}' };
    const adapter: IntegrationAdapter = { integration: "example", readId: () => ({ id: 42 }) };
    const batched = await deliver(ids(2), spec(["events"], 10), adapter);
    expect(batched.map((r) => [r.status, r.personId])).toEqual([
      ["delivered", undefined],
      ["delivered", undefined],
    ]);
    const alone = await deliver(ids(1), spec(["events"], 10), adapter);
    expect(alone.map((r) => [r.status, r.personId])).toEqual([["delivered", 42]]);
  });

  it("gives every event of the batch the batch's result when no adapter splits it", async () => {
    server.fallback = { status: 400, body: '{"error":"bad"}' };
    const results = await deliver(ids(2), spec(["events"], 10));
    expect(results.map((r) => [r.status, r.httpStatus])).toEqual([
      ["failed", 400],
      ["failed", 400],
    ]);
    expect(server.arrived).toHaveLength(1);
  });
});

describe("an interrupt while events wait in a batch", () => {
  it("ends them at once as interrupted, none lost and none sent", async () => {
    const controller = new AbortController();
    const sender = createHttpSender({ baseUrl: server.url });
    const results: DeliveryResult[] = [];
    // Three events wait in their batch (a long wait); then the user interrupts while input is still open.
    async function* input() {
      yield* ids(3);
      controller.abort();
      await new Promise(() => undefined);
    }
    try {
      const summary = await deliverEvents(input(), {
        preset: presetFor(spec(["events"], 100)),
        settings: {},
        sender,
        batchWaitMs: 60_000,
        signal: controller.signal,
        onResult: (r) => results.push(r),
      });
      expect(summary).toMatchObject({ total: 3, failed: 3, interrupted: 3, stoppedEarly: true });
    } finally {
      await sender.close();
    }
    expect(results.every((r) => r.error?.startsWith("interrupted"))).toBe(true);
    expect(server.arrived).toHaveLength(0);
  });
});
