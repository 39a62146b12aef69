// One SQLite transaction around synchronous work, reporting the error that really happened.

import type Database from "libsql";

/**
 * Like libsql's `db.transaction(fn)()`, except on failure: SQLite rolls a transaction back by itself on some errors
 * (SQLITE_FULL, SQLITE_IOERR), and libsql's wrapper then issued its own ROLLBACK, whose "cannot rollback - no
 * transaction is active" replaced the real error. Rolling back only a transaction still open keeps the real one.
 */
export function transaction<T>(db: InstanceType<typeof Database>, work: () => T): T {
  db.exec("BEGIN");
  try {
    const result = work();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw error;
  }
}
