// Dropping a bench database on a shared PostgreSQL. `WITH (FORCE)` ends the sessions still on it, but a role without
// pg_signal_backend (CI's) may not end one it does not own, such as an autovacuum worker busy on the fresh tables.

import type pg from "pg";

const INSUFFICIENT_PRIVILEGE = "42501";
const OBJECT_IN_USE = "55006";

/**
 * Drops the database, retrying for a few seconds while another session holds it. A database that still cannot be
 * dropped is left behind with a warning: it is the bench's scratch space, and failing the figures for it would lose
 * what was measured.
 */
export async function dropBenchDatabase(admin: pg.Client, name: string, log = console.warn): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== INSUFFICIENT_PRIVILEGE && code !== OBJECT_IN_USE) throw error;
      if (attempt >= 40) {
        log(`bench: database ${name} is still in use and was left behind: ${(error as Error).message}`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
