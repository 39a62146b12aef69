// The store contract on the embedded SQLite store, plus what only a file on disk can show.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "libsql";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { storeContract } from "./store-contract.js";

function tempDb(): { path: string; cleanup(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), "signal-map-store-"));
  return { path: join(dir, "store.db"), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

storeContract("sqlite", async () => {
  const { path, cleanup } = tempDb();
  return { store: openSqliteStore(path), cleanup };
});

describe("sqlite store on disk", () => {
  it("runs in WAL mode with synchronous=FULL", async () => {
    const { path, cleanup } = tempDb();
    const store = openSqliteStore(path);
    await store.close();
    const db = new Database(path);
    expect(db.prepare("PRAGMA journal_mode").get()).toMatchObject({ journal_mode: "wal" });
    db.close();
    await cleanup();
  });

  it("refuses a database written by a newer version of the program", async () => {
    const { path, cleanup } = tempDb();
    await openSqliteStore(path).close();
    const db = new Database(path);
    db.exec("PRAGMA user_version = 99");
    db.close();
    expect(() => openSqliteStore(path)).toThrow(/newer signal-map \(schema 99/);
    await cleanup();
  });

  it("keeps what was acknowledged across a reopen", async () => {
    const { path, cleanup } = tempDb();
    const store = openSqliteStore(path);
    await store.ingest([
      { source: "web", messageId: "m1", payload: "{}", receivedAt: 1, routes: [{ integration: "x", orderKey: "p" }] },
    ]);
    await store.close();
    const reopened = openSqliteStore(path);
    expect((await reopened.claim("w", 10, 2, 1_000, ["x"])).map((r) => r.orderKey)).toEqual(["p"]);
    await reopened.close();
    await cleanup();
  });
});
