// A PostgreSQL connection the server ends while a transaction holds it (a restart, a failover) fails that transaction;
// it must not crash the process through an 'error' event nobody listens to.

import pg from "pg";
import { describe, expect, it } from "vitest";
import { createPool, inTransaction } from "../../store/postgres-pool.js";
import { testDatabase } from "./postgres-test-db.js";

describe("a PostgreSQL connection lost inside a transaction", () => {
  it("rejects the transaction and leaves the pool usable", async () => {
    const url = await testDatabase();
    const pool = createPool(url, { max: 2 });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const lost = inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
        // Between two queries, no query is running: the server's goodbye arrives as an 'error' event on the client.
        const ended = new Promise((done) => client.once("end", done));
        await admin.query("SELECT pg_terminate_backend($1)", [rows[0].pid]);
        await ended;
        await client.query("SELECT 1");
      });
      await expect(lost).rejects.toThrow();
      const { rows } = await pool.query<{ one: number }>("SELECT 1 AS one");
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await admin.end();
      await pool.end();
    }
  });
});
