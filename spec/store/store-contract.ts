// One test suite for every store implementation: the promises `serve` makes rest on these, whatever the engine.

import { describe, expect, it } from "vitest";
import type { IncomingEvent, Store } from "../../store/store.js";

export type StoreFactory = () => Promise<{ store: Store; reopen?: () => Promise<Store>; cleanup(): Promise<void> }>;

const ALL = ["salesloft"];
let counter = 0;
function incoming(person: string | undefined, overrides: Partial<IncomingEvent> = {}): IncomingEvent {
  const messageId = `m${++counter}`;
  return {
    source: "web",
    messageId,
    payload: JSON.stringify({ type: "track", event: "Lead Generated", messageId, traits: { email: person } }),
    receivedAt: 1_000,
    routes: [{ integration: "salesloft", orderKey: person }],
    ...overrides,
  };
}

export function storeContract(name: string, factory: StoreFactory): void {
  describe(`${name} store`, () => {
    const withStore = (test: (store: Store) => Promise<void>) => async () => {
      const { store, cleanup } = await factory();
      try {
        await test(store);
      } finally {
        await store.close();
        await cleanup();
      }
    };

    it(
      "stores an event once per source and messageId, and counts the repeat as a duplicate",
      withStore(async (store) => {
        const event = incoming("a@example.com");
        expect(await store.ingest([event])).toEqual({ stored: 1, duplicates: 0 });
        expect(await store.ingest([event, { ...event, source: "app" }])).toEqual({ stored: 1, duplicates: 1 });
        expect((await store.stats(2_000)).pending).toBe(2);
      }),
    );

    it(
      "hands out only the oldest pending event of each person, and the next one once it is delivered",
      withStore(async (store) => {
        const [a1, a2, b1] = [incoming("a"), incoming("a"), incoming("b")];
        await store.ingest([a1, a2, b1]);
        const first = await store.claim("w1", 10, 2_000, 30_000, ALL);
        expect(first.map((r) => JSON.parse(r.payload).messageId)).toEqual([a1.messageId, b1.messageId]);
        expect(await store.claim("w2", 10, 2_000, 30_000, ALL)).toEqual([]);
        const a = first.find((r) => r.orderKey === "a")!;
        await store.complete(
          a.id,
          "w1",
          { state: "delivered", attempt: { at: 2_000, durationMs: 5, httpStatus: 200 } },
          2_100,
        );
        const next = await store.claim("w2", 10, 2_200, 30_000, ALL);
        expect(next.map((r) => JSON.parse(r.payload).messageId)).toEqual([a2.messageId]);
      }),
    );

    it(
      "makes an integration's rows waiting for a retry due now when its settings change, and only that integration's",
      withStore(async (store) => {
        const a1 = incoming("a", {
          routes: [
            { integration: "salesloft", orderKey: "a" },
            { integration: "other", orderKey: "a" },
          ],
        });
        await store.ingest([a1]);
        const rows = await store.claim("w1", 10, 2_000, 30_000, ["salesloft", "other"]);
        const later = { at: 2_000, durationMs: 3, httpStatus: 401 };
        for (const row of rows)
          await store.complete(row.id, "w1", { state: "retry", nextAttemptAt: 60_000, attempt: later }, 2_010);
        expect(await store.retryNow!("salesloft", 3_000)).toBe(1);
        const again = await store.claim("w1", 10, 3_000, 30_000, ["salesloft", "other"]);
        expect(again.map((r) => [r.integration, JSON.parse(r.payload).messageId])).toEqual([
          ["salesloft", a1.messageId],
        ]);
      }),
    );

    it(
      "never lets a later event of a person overtake an earlier one that is waiting to be retried",
      withStore(async (store) => {
        const [a1, a2] = [incoming("a"), incoming("a")];
        await store.ingest([a1, a2]);
        const [row] = await store.claim("w1", 10, 2_000, 30_000, ALL);
        await store.complete(
          row.id,
          "w1",
          { state: "retry", nextAttemptAt: 60_000, attempt: { at: 2_000, durationMs: 3, httpStatus: 429 } },
          2_010,
        );
        expect(await store.claim("w1", 10, 30_000, 30_000, ALL)).toEqual([]);
        const again = await store.claim("w1", 10, 60_000, 30_000, ALL);
        expect(again.map((r) => [JSON.parse(r.payload).messageId, r.attempts])).toEqual([[a1.messageId, 1]]);
      }),
    );

    it(
      "gives a row whose worker died to another worker once its lease runs out, and ignores the dead worker's answer",
      withStore(async (store) => {
        await store.ingest([incoming("a")]);
        const [row] = await store.claim("dead-worker", 10, 2_000, 1_000, ALL);
        expect(await store.claim("w2", 10, 2_500, 1_000, ALL)).toEqual([]);
        const [reclaimed] = await store.claim("w2", 10, 3_001, 1_000, ALL);
        expect(reclaimed.id).toBe(row.id);
        await store.complete(row.id, "dead-worker", { state: "failed", detail: "late" }, 3_100);
        await store.complete(
          row.id,
          "w2",
          { state: "delivered", attempt: { at: 3_001, durationMs: 1, httpStatus: 200 } },
          3_200,
        );
        const view = await store.event(reclaimed.eventId);
        expect(view?.rows[0].state).toBe("delivered");
      }),
    );

    it(
      "claims only from the integrations asked for, so a paused one keeps its queue in order",
      withStore(async (store) => {
        const other = incoming("a", { routes: [{ integration: "hubspot", orderKey: "a" }] });
        await store.ingest([incoming("a"), other]);
        const claimed = await store.claim("w", 10, 2_000, 1_000, ["hubspot"]);
        expect(claimed.map((r) => r.integration)).toEqual(["hubspot"]);
      }),
    );

    it(
      "orders events without a person only with themselves",
      withStore(async (store) => {
        await store.ingest([incoming(undefined), incoming(undefined)]);
        expect(await store.claim("w", 10, 2_000, 1_000, ALL)).toHaveLength(2);
      }),
    );

    it(
      "claims a batch's worth of heads at once, one per person, and completes each claimed row on its own",
      withStore(async (store) => {
        const people = ["a", "b", "c", "d", "e"];
        await store.ingest([0, 1].flatMap(() => people.map((p) => incoming(p))));
        const batch = await store.claim("w", 4, 2_000, 30_000, ALL);
        expect(batch).toHaveLength(4);
        expect(new Set(batch.map((r) => r.orderKey)).size).toBe(4);
        const rest = await store.claim("w", 100, 2_000, 30_000, ALL);
        expect(rest.map((r) => r.orderKey)).toEqual(people.filter((p) => !batch.some((r) => r.orderKey === p)));
        const sent = { method: "POST", url: "https://x.test/batch", body: { inputs: [1] }, batch: { items: 5 } };
        const attempt = { at: 2_000, durationMs: 9, httpStatus: 200, request: sent };
        const [first, second, third, fourth] = batch;
        await store.complete(first!.id, "w", { state: "delivered", attempt }, 2_010);
        await store.complete(second!.id, "w", { state: "retry", nextAttemptAt: 9_000, attempt }, 2_010);
        await store.complete(third!.id, "w", { state: "failed", detail: "rejected", attempt }, 2_010);
        await store.complete(fourth!.id, "w", { state: "dead", detail: "too old", attempt }, 2_010);
        const next = await store.claim("w", 100, 2_100, 30_000, ALL);
        expect(next.map((r) => r.orderKey).sort()).toEqual([first, third, fourth].map((r) => r!.orderKey).sort());
        const view = await store.event(first!.eventId);
        expect(view?.rows[0]?.history.at(-1)?.request).toEqual(sent);
      }),
    );

    it(
      "records settled routes without queueing them",
      withStore(async (store) => {
        const dropped = incoming("a", {
          routes: [{ integration: "salesloft", orderKey: "a", settled: { state: "dropped", detail: "not handled" } }],
        });
        await store.ingest([dropped]);
        expect(await store.claim("w", 10, 2_000, 1_000, ALL)).toEqual([]);
        const [view] = await store.recent(10);
        expect(view.rows.map((r) => [r.state, r.detail])).toEqual([["dropped", "not handled"]]);
      }),
    );

    it(
      "moves old pending events to dead letters, then replays them unless a later event of the person landed",
      withStore(async (store) => {
        const [a1, b1] = [incoming("a"), incoming("b")];
        await store.ingest([a1, b1]);
        expect(await store.expire(100_000, 50_000)).toBe(2);
        expect(await store.claim("w", 10, 100_000, 1_000, ALL)).toEqual([]);
        const a2 = incoming("a", { receivedAt: 100_000 });
        await store.ingest([a2]);
        const [row] = await store.claim("w", 10, 100_000, 1_000, ALL);
        await store.complete(
          row.id,
          "w",
          { state: "delivered", attempt: { at: 100_000, durationMs: 1, httpStatus: 200 } },
          100_001,
        );
        expect(await store.replay("all-dead", 100_002)).toEqual({ requeued: 1, superseded: 1 });
        const replayed = await store.claim("w", 10, 100_003, 1_000, ALL);
        expect(replayed.map((r) => JSON.parse(r.payload).messageId)).toEqual([b1.messageId]);
      }),
    );

    it(
      "keeps every attempt for the debugger and finds events by text",
      withStore(async (store) => {
        const event = incoming("jane@example.com");
        await store.ingest([event]);
        const [row] = await store.claim("w", 10, 2_000, 1_000, ALL);
        await store.complete(
          row.id,
          "w",
          { state: "retry", nextAttemptAt: 2_500, attempt: { at: 2_000, durationMs: 4, httpStatus: 503 } },
          2_004,
        );
        const [again] = await store.claim("w", 10, 2_500, 1_000, ALL);
        await store.complete(
          again.id,
          "w",
          { state: "delivered", attempt: { at: 2_500, durationMs: 4, httpStatus: 200, destinationId: "1001" } },
          2_504,
        );
        const [view] = await store.recent(10, { text: "jane@" });
        expect(view.rows[0]).toMatchObject({ state: "delivered", attempts: 2 });
        expect(view.rows[0].history.map((h) => h.httpStatus)).toEqual([503, 200]);
        expect(await store.recent(10, { text: "nobody@" })).toEqual([]);
        expect(await store.recent(10, { state: "failed" })).toEqual([]);
      }),
    );

    it(
      "deletes finished events past retention and keeps pending ones",
      withStore(async (store) => {
        const [done, waiting] = [incoming("a"), incoming("b")];
        await store.ingest([done, waiting]);
        const rows = await store.claim("w", 10, 2_000, 1_000, ALL);
        const a = rows.find((r) => r.orderKey === "a")!;
        await store.complete(
          a.id,
          "w",
          { state: "delivered", attempt: { at: 2_000, durationMs: 1, httpStatus: 200 } },
          2_001,
        );
        expect(await store.prune(5_000)).toBe(1);
        expect((await store.recent(10)).map((v) => v.messageId)).toEqual([waiting.messageId]);
      }),
    );

    it(
      "grants at most the limit of a rate key in any window, and says when the next grant is possible",
      withStore(async (store) => {
        const acquire = store.acquireRate!.bind(store);
        const firsts = [await acquire("team-a", 3, 1_000, 10_000), await acquire("team-a", 3, 1_000, 10_200)];
        expect([...firsts, await acquire("team-a", 3, 1_000, 10_400)]).toEqual([
          { ok: true },
          { ok: true },
          { ok: true },
        ]);
        expect(await acquire("team-a", 3, 1_000, 10_500)).toEqual({ ok: false, retryAtMs: 11_000 });
        expect(await acquire("team-b", 3, 1_000, 10_500)).toEqual({ ok: true });
        expect(await acquire("team-a", 3, 1_000, 10_999)).toEqual({ ok: false, retryAtMs: 11_000 });
        expect(await acquire("team-a", 3, 1_000, 11_000)).toEqual({ ok: true });
        expect(await acquire("team-a", 3, 1_000, 11_001)).toEqual({ ok: false, retryAtMs: 11_200 });
      }),
    );

    it(
      "commits concurrent ingests together and answers each caller with its own counts",
      withStore(async (store) => {
        const results = await Promise.all(
          Array.from({ length: 50 }, () => store.ingest([incoming("x"), incoming("y")])),
        );
        expect(results.every((r) => r.stored === 2 && r.duplicates === 0)).toBe(true);
        expect((await store.stats(2_000)).byState.pending).toBe(100);
      }),
    );
  });
}
