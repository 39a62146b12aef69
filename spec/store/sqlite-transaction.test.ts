// A full disk is reported as a full disk: SQLite rolls the transaction back itself, and libsql's own wrapper then
// replaced SQLITE_FULL with "cannot rollback - no transaction is active".

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "libsql";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { transaction } from "../../store/sqlite-transaction.js";

let dir: string;
let db: InstanceType<typeof Database>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "signal-map-sqlite-tx-"));
  db = new Database(join(dir, "t.db"));
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("CREATE TABLE t (x TEXT)");
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("sqlite transactions", () => {
  it("reports SQLITE_FULL itself when the database cannot grow, and leaves no transaction open", () => {
    // max_page_count stands in for a full disk: SQLite answers SQLITE_FULL and rolls the transaction back.
    db.exec("PRAGMA max_page_count = 5");
    const insert = db.prepare("INSERT INTO t VALUES (?)");
    expect(() => transaction(db, () => Array.from({ length: 10 }, () => insert.run("x".repeat(10_000))))).toThrow(
      "database or disk is full",
    );
    expect(db.inTransaction).toBe(false);
    expect(db.prepare("SELECT count(*) AS n FROM t").get()).toMatchObject({ n: 0 });
  });

  it("rolls back a transaction whose work threw, and passes the error on", () => {
    const failing = () =>
      transaction(db, () => {
        db.prepare("INSERT INTO t VALUES (?)").run("kept?");
        throw new Error("the work failed");
      });
    expect(failing).toThrow("the work failed");
    expect(db.inTransaction).toBe(false);
    expect(db.prepare("SELECT count(*) AS n FROM t").get()).toMatchObject({ n: 0 });
  });

  it("commits and returns the work's result", () => {
    expect(transaction(db, () => db.prepare("INSERT INTO t VALUES (?)").run("a").changes)).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM t").get()).toMatchObject({ n: 1 });
  });
});
