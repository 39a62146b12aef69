// Order keys in the SQLite store survive the trip through libsql, which reads a text back only up to its first NUL:
// a key with a NUL (the old key of an event without a person, or a person id carrying one) came back cut short, so
// completing its row advanced the wrong queue and left its own head to be claimed, and sent, again and again.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "libsql";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SQLITE_MIGRATIONS } from "../../store/sqlite-schema.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import type { Completion, IncomingEvent, Store } from "../../store/store.js";

let dir: string;
let store: Store | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "signal-map-order-keys-"));
});

afterEach(async () => {
  await store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const delivered: Completion = {
  state: "delivered",
  attempt: { at: 10, durationMs: 1, httpStatus: 200 },
  warnings: [],
};

function incoming(messageId: string, orderKey?: string): IncomingEvent {
  const route = orderKey === undefined ? { integration: "dest" } : { integration: "dest", orderKey };
  return { source: "web", messageId, payload: "{}", receivedAt: 1, routes: [route] };
}

/** Claims everything due, completes it as delivered, and returns what was claimed. */
async function deliverAll(s: Store, now: number): Promise<(string | null)[]> {
  const rows = await s.claim("w", 10, now, 5, ["dest"]);
  for (const row of rows) await s.complete(row.id, "w", delivered, now + 1);
  return rows.map((r) => r.orderKey);
}

describe("order keys in the SQLite store", () => {
  it("never claims an event without a person again once it is delivered", async () => {
    store = openSqliteStore(join(dir, "s.db"));
    await store.ingest([incoming("m1")]);
    expect(await deliverAll(store, 10)).toEqual([null]);
    expect(await store.claim("w", 10, 1_000, 5, ["dest"])).toEqual([]);
  });

  it("keeps a person id holding a NUL whole, apart from the id it starts with", async () => {
    store = openSqliteStore(join(dir, "s.db"));
    await store.ingest([incoming("m1", "u\u0000x"), incoming("m2", "u"), incoming("m3", "u\u0000x")]);
    expect((await deliverAll(store, 10)).sort()).toEqual(["u", "u\u0000x"]);
    expect(await deliverAll(store, 100)).toEqual(["u\u0000x"]);
    expect(await store.claim("w", 10, 1_000, 5, ["dest"])).toEqual([]);
  });

  it("moves a store written with the old key of events without a person to the new one", async () => {
    const path = join(dir, "old.db");
    const old = new Database(path);
    old.exec(SQLITE_MIGRATIONS[0]!);
    old.exec("PRAGMA user_version = 1");
    old.exec("INSERT INTO events (id, source, message_id, received_at, payload) VALUES (7, 'web', 'm7', 1, '{}')");
    const key = "\u0000event:7";
    old
      .prepare(
        "INSERT INTO outbox (id, event_id, integration, order_key, has_person, state, next_attempt_at, created_at) VALUES (3, 7, 'dest', ?, 0, 'pending', 1, 1)",
      )
      .run(key);
    old.prepare("INSERT INTO heads (integration, order_key, head_id, due_at) VALUES ('dest', ?, 3, 1)").run(key);
    old.close();
    store = openSqliteStore(path);
    expect(await deliverAll(store, 10)).toEqual([null]);
    expect(await store.claim("w", 10, 1_000, 5, ["dest"])).toEqual([]);
  });
});
