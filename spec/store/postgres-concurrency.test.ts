// Several processes on one PostgreSQL: no row handed out twice, one person's rows one at a time and in order,
// and ingests racing completions never strand a row without a head.

import { describe, expect, it } from "vitest";
import type { ClaimedRow, IncomingEvent, Store } from "../../store/store.js";
import { inspect, storesOnOneSchema } from "./postgres-test-db.js";

const ALL = ["salesloft"];
let counter = 0;

function event(person: string, seq: number): IncomingEvent {
  const messageId = `c${++counter}`;
  return {
    source: "web",
    messageId,
    payload: JSON.stringify({ messageId, person, seq }),
    receivedAt: 1,
    routes: [{ integration: "salesloft", orderKey: person }],
  };
}

/** What the workers saw: rows on the wire per person, every delivery, and any row handed out while another was out. */
class Ledger {
  readonly out = new Map<string, number>();
  readonly delivered = new Map<string, { id: number; eventId: number; seq: number }[]>();
  readonly overlaps: string[] = [];
  claims = 0;

  take(row: ClaimedRow): void {
    this.claims++;
    const held = this.out.get(row.orderKey!);
    if (held !== undefined) this.overlaps.push(`${row.orderKey}: ${row.id} while ${held} was out`);
    this.out.set(row.orderKey!, row.id);
  }

  release(row: ClaimedRow, delivered: boolean): void {
    this.out.delete(row.orderKey!);
    if (!delivered) return;
    const list = this.delivered.get(row.orderKey!) ?? [];
    list.push({ id: row.id, eventId: row.eventId, seq: JSON.parse(row.payload).seq });
    this.delivered.set(row.orderKey!, list);
  }
}

let clock = 1_000;

/** One worker process: claims, and completes each row (every fifth attempt is a retry due at once). */
async function work(store: Store, owner: string, ledger: Ledger, keepGoing: () => boolean): Promise<void> {
  let idle = 0;
  while (keepGoing() || idle < 3) {
    const rows = await store.claim(owner, 4, ++clock, 600_000, ALL);
    idle = rows.length === 0 ? idle + 1 : 0;
    for (const row of rows) ledger.take(row);
    await Promise.all(
      rows.map(async (row) => {
        const retry = (row.id + row.attempts) % 5 === 0;
        ledger.release(row, !retry);
        const attempt = { at: clock, durationMs: 1, httpStatus: retry ? 503 : 200 };
        await store.complete(
          row.id,
          owner,
          retry ? { state: "retry", nextAttemptAt: clock, attempt } : { state: "delivered", attempt },
          ++clock,
        );
      }),
    );
    if (rows.length === 0) await new Promise((done) => setImmediate(done));
  }
}

async function strandedRows(schema: string): Promise<number> {
  return inspect(schema, async (c) => {
    const { rows } = await c.query(
      `SELECT COUNT(*)::int AS n FROM outbox o WHERE o.state = 'pending' AND NOT EXISTS
       (SELECT 1 FROM heads h WHERE h.integration = o.integration AND h.order_key = o.order_key)`,
    );
    return rows[0].n as number;
  });
}

describe("postgres store with several processes", () => {
  it("never hands one row or two rows of one person out at once, and keeps each person's order", async () => {
    const { stores, schema } = await storesOnOneSchema(3);
    const people = Array.from({ length: 30 }, (_, i) => `person${i}`);
    // Each person's events arrive one after another, each through another process.
    for (let seq = 0; seq < 8; seq++) {
      await Promise.all(people.map((p, i) => stores[(i + seq) % 3].ingest([event(p, seq)])));
    }
    const ledger = new Ledger();
    await Promise.all(stores.map((store, i) => work(store, `w${i}`, ledger, () => false)));
    expect(ledger.overlaps).toEqual([]);
    for (const p of people) expect(ledger.delivered.get(p)?.map((d) => d.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect((await stores[0].stats(clock)).byState).toEqual({ delivered: 240 });
    expect(ledger.claims).toBeGreaterThan(240);
    expect(await strandedRows(schema)).toBe(0);
    await Promise.all(stores.map((s) => s.close()));
  });

  it("lets no ingest race a completion into a row without a head or two heads for one person", async () => {
    const { stores, schema } = await storesOnOneSchema(3);
    const people = ["hot0", "hot1", "hot2", "hot3"];
    let ingesting = true;
    const ingests = (async () => {
      for (let round = 0; round < 60; round++) {
        await Promise.all(stores.map((store, i) => store.ingest([event(people[(round + i) % 4], round)])));
      }
      ingesting = false;
    })();
    const ledger = new Ledger();
    await Promise.all([ingests, ...stores.map((store, i) => work(store, `w${i}`, ledger, () => ingesting))]);
    expect(ledger.overlaps).toEqual([]);
    expect(await strandedRows(schema)).toBe(0);
    expect((await stores[0].stats(clock)).byState).toEqual({ delivered: 180 });
    // Within a person, rows are delivered in the order they were stored (ascending ids), retries included.
    for (const p of people) {
      const ids = ledger.delivered.get(p)!.map((d) => d.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
    await Promise.all(stores.map((s) => s.close()));
  });
});
