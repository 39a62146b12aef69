// The store contract on PostgreSQL, plus what only a shared server can show: migrations, versions, text it refuses.

import { describe, expect, it } from "vitest";
import { openPostgresStore } from "../../store/postgres-store.js";
import { POSTGRES_SCHEMA_VERSION } from "../../store/postgres-schema.js";
import { storeContract } from "./store-contract.js";
import { freshSchema, inspect, storesOnOneSchema, testDatabase } from "./postgres-test-db.js";

describe("the PostgreSQL server for these tests", () => {
  it("is reachable through SIGNAL_MAP_TEST_PG", async () => {
    expect(await testDatabase()).toMatch(/^postgres(ql)?:\/\//);
  });
});

storeContract("postgres", async () => {
  const store = await openPostgresStore(await testDatabase(), { schema: freshSchema(), max: 4 });
  return { store, cleanup: async () => undefined };
});

describe("postgres store on a shared server", () => {
  it("migrates once when several processes start together", async () => {
    const { stores, schema } = await storesOnOneSchema(3);
    await Promise.all(stores.map((s) => s.close()));
    const versions = await inspect(schema, async (c) => (await c.query("SELECT version FROM signal_map_schema")).rows);
    expect(versions.map((r) => r.version)).toEqual(Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it("refuses a database written by a newer version of the program", async () => {
    const { stores, url, schema } = await storesOnOneSchema(1);
    await stores[0].close();
    await inspect(schema, (c) => c.query("INSERT INTO signal_map_schema (version) VALUES (99)"));
    await expect(openPostgresStore(url, { schema })).rejects.toThrow(
      /newer signal-map \(schema 99; this program knows/,
    );
  });

  it("says which server it could not reach, without the password", async () => {
    const attempt = openPostgresStore("postgres://someone:hunter2@127.0.0.1:1/nothing");
    await expect(attempt).rejects.toThrow(
      /cannot connect to PostgreSQL at postgres:\/\/someone:redacted@127\.0\.0\.1:1/,
    );
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });

  it("keeps keys with NUL and backslashes exact, which PostgreSQL text cannot hold as they are", async () => {
    const { stores } = await storesOnOneSchema(1);
    const [store] = stores;
    const odd = { source: "web\\", messageId: "m\u00001", payload: "{}", receivedAt: 1 };
    const routes = [{ integration: "x", orderKey: "a\u0000\\0b" }];
    expect(
      await store.ingest([
        { ...odd, routes },
        { ...odd, messageId: "m\\01", routes },
      ]),
    ).toEqual({
      stored: 2,
      duplicates: 0,
    });
    const [row] = await store.claim("w", 10, 2, 1_000, ["x"]);
    expect(row.orderKey).toBe("a\u0000\\0b");
    const view = await store.event(row.eventId);
    expect([view?.source, view?.messageId, view?.rows[0].orderKey]).toEqual(["web\\", "m\u00001", "a\u0000\\0b"]);
    expect(await store.ingest([{ ...odd, routes }])).toEqual({ stored: 0, duplicates: 1 });
    await store.close();
  });

  it("does not make a dead letter of a row on the wire: its worker's answer decides it", async () => {
    const { stores } = await storesOnOneSchema(1);
    const [store] = stores;
    const routes = [{ integration: "x", orderKey: "a" }];
    await store.ingest([
      { source: "web", messageId: "a1", payload: "{}", receivedAt: 1, routes },
      { source: "web", messageId: "a2", payload: "{}", receivedAt: 1, routes },
    ]);
    const [onWire] = await store.claim("w", 10, 2, 600_000, ["x"]);
    expect(await store.expire(100_000, 50_000)).toBe(1);
    const delivered = { at: 100_001, durationMs: 1, httpStatus: 200 };
    await store.complete(onWire.id, "w", { state: "delivered", attempt: delivered }, 100_002);
    expect((await store.stats(100_003)).byState).toEqual({ delivered: 1, dead: 1 });
    expect(await store.claim("w", 10, 100_004, 1_000, ["x"])).toEqual([]);
    await store.close();
  });

  it("shares one rate window among processes: never more grants than the limit", async () => {
    const { stores } = await storesOnOneSchema(3);
    const tries = stores.flatMap((store) =>
      Array.from({ length: 30 }, (_, i) => store.acquireRate!("team", 40, 60_000, 1_000 + i)),
    );
    const decisions = await Promise.all(tries);
    expect(decisions.filter((d) => d.ok)).toHaveLength(40);
    expect(decisions.filter((d) => !d.ok).every((d) => !d.ok && d.retryAtMs >= 61_000)).toBe(true);
    await Promise.all(stores.map((s) => s.close()));
  });
});
