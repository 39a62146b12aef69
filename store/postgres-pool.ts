// Connections to PostgreSQL for the store: a pool that reads BIGINT as numbers, transactions that retry a deadlock,
// and the text rules of the engine (a text value cannot hold a NUL character).

import pg from "pg";

export type Client = pg.PoolClient;

export interface PoolOptions {
  /** Connections this process keeps (default 8). */
  readonly max?: number;
  /** A schema to keep the store's tables in (created when missing); default: the connection's search_path. */
  readonly schema?: string;
}

/** Ids and millisecond times are BIGINT columns; every one of them fits a double exactly. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

export function createPool(url: string, options: PoolOptions): pg.Pool {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`the PostgreSQL schema name "${schema}" must be lower-case letters, digits and _`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 8,
    types,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle connection that breaks (a server restart) is dropped by the pool; the next query reports the problem.
  pool.on("error", () => undefined);
  return pool;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "redacted";
    return parsed.toString();
  } catch {
    return "(an unreadable PostgreSQL URL)";
  }
}

const RETRYABLE = new Set(["40P01", "40001"]);

/** Runs `work` in one transaction; a deadlock or serialization failure is retried (the work is redone whole). */
export async function inTransaction<T>(pool: pg.Pool, work: (client: Client) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken = false;
    // A connection the server ends while it is checked out (a restart, a failover) emits 'error' on the client, which
    // with no listener crashes the process; the next query fails anyway, and the client is then thrown away.
    const lost = () => (broken = true);
    client.on("error", lost);
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => (broken = true));
      const code = (error as { code?: string }).code;
      if (attempt >= 5 || code === undefined || !RETRYABLE.has(code)) throw error;
    } finally {
      client.off("error", lost);
      client.release(broken);
    }
  }
}

/** Advisory-lock class of a person's queue (the first of the two 32-bit keys); "sgmp" in ASCII. */
const PERSON_LOCK_CLASS = 0x73676d70;

/**
 * Locks the queues of these people until the transaction ends. Everything that adds to or moves a person's queue
 * (ingest, complete, expire, replay) takes this lock first, in hash order, so two transactions never deadlock on it.
 */
export async function lockPeople(client: Client, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await client.query(
    `SELECT pg_advisory_xact_lock(${PERSON_LOCK_CLASS}, h)
     FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($1::text[]) AS k ORDER BY h) AS ordered`,
    [keys],
  );
}

export function personLockKey(integration: string, orderKey: string): string {
  return `${integration}\u0001${orderKey}`;
}

/** Keys (source, messageId, order key) stay exact: backslash and NUL are escaped, and read back unescaped. */
export function escapeKey(text: string): string {
  return text.replace(/[\\\u0000]/g, (c) => (c === "\\" ? "\\\\" : "\\0"));
}

export function unescapeKey(text: string): string {
  return text.replace(/\\([\\0])/g, (_, c: string) => (c === "0" ? "\u0000" : "\\"));
}

/** Text only shown to people (payload, details): a NUL becomes U+FFFD rather than failing the whole commit. */
export function safeText(text: string): string {
  return text.includes("\u0000") ? text.replace(/\u0000/g, "\uFFFD") : text;
}
