// The SQLite store's prepared statements, in one place: the queue (events, outbox, per-person heads), the
// debugger's reads and retention.

import type Database from "libsql";

type Db = InstanceType<typeof Database>;

const SQL = {
  insertEvent: `INSERT INTO events (source, message_id, received_at, payload) VALUES (?, ?, ?, ?)
     ON CONFLICT (source, message_id) DO NOTHING RETURNING id`,
  insertRow: `INSERT INTO outbox (event_id, integration, order_key, has_person, state, next_attempt_at, created_at, detail, finished_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  insertHead: `INSERT INTO heads (integration, order_key, head_id, due_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (integration, order_key) DO NOTHING`,
  dueHeads: `SELECT head_id FROM heads WHERE due_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
     AND integration IN (SELECT value FROM json_each(?)) ORDER BY due_at, head_id LIMIT ?`,
  leaseHead: `UPDATE heads SET lease_until = ? WHERE head_id = ?`,
  leaseRow: `UPDATE outbox SET lease_owner = ? WHERE id = ?`,
  claimed: `SELECT o.*, e.payload FROM outbox o JOIN events e ON e.id = o.event_id WHERE o.id = ?`,
  rowById: `SELECT * FROM outbox WHERE id = ?`,
  retryRow: `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, history = ?, lease_owner = NULL WHERE id = ?`,
  retryHead: `UPDATE heads SET due_at = ?, lease_until = NULL WHERE integration = ? AND order_key = ?`,
  finishRow: `UPDATE outbox SET state = ?, attempts = attempts + ?, detail = ?, history = ?, finished_at = ?,
     lease_owner = NULL, next_attempt_at = NULL WHERE id = ?`,
  oldestPending: `SELECT id, next_attempt_at FROM outbox WHERE integration = ? AND order_key = ? AND state = 'pending'
     ORDER BY id LIMIT 1`,
  deleteHead: `DELETE FROM heads WHERE integration = ? AND order_key = ?`,
  upsertHead: `INSERT INTO heads (integration, order_key, head_id, due_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (integration, order_key) DO UPDATE SET head_id = excluded.head_id, due_at = excluded.due_at,
     lease_until = NULL`,
  expired: `SELECT * FROM outbox WHERE state = 'pending' AND created_at < ?`,
  allDead: `SELECT * FROM outbox WHERE state = 'dead' ORDER BY id`,
  laterDelivered: `SELECT 1 FROM outbox WHERE integration = ? AND order_key = ? AND id > ? AND state = 'delivered' LIMIT 1`,
  requeue: `UPDATE outbox SET state = 'pending', next_attempt_at = ?, finished_at = NULL, lease_owner = NULL WHERE id = ?`,
  wakeHeads: `UPDATE heads SET due_at = ? WHERE integration = ? AND due_at > ? AND (lease_until IS NULL OR lease_until <= ?)`,
  wakeRows: `UPDATE outbox SET next_attempt_at = ? WHERE integration = ? AND state = 'pending' AND next_attempt_at > ?`,
  prune: `DELETE FROM events WHERE received_at < ? AND NOT EXISTS
     (SELECT 1 FROM outbox o WHERE o.event_id = events.id AND o.state = 'pending')`,
  recentEvents: `SELECT e.id FROM events e WHERE e.id < ?
     AND (? IS NULL OR EXISTS (SELECT 1 FROM outbox o WHERE o.event_id = e.id AND o.integration = ?))
     AND (? IS NULL OR EXISTS (SELECT 1 FROM outbox o WHERE o.event_id = e.id AND o.state = ?))
     AND (? IS NULL OR e.message_id LIKE ? OR e.payload LIKE ?)
     ORDER BY e.id DESC LIMIT ?`,
  eventById: `SELECT * FROM events WHERE id = ?`,
  rowsOfEvent: `SELECT * FROM outbox WHERE event_id = ? ORDER BY integration`,
  countByState: `SELECT state, COUNT(*) AS n FROM outbox GROUP BY state`,
  oldestPendingAt: `SELECT MIN(created_at) AS at FROM outbox WHERE state = 'pending'`,
};

/** What the store uses of a libsql statement (declared here: libsql's own type cannot be named in a declaration). */
export interface Statement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}
export type SqliteStatements = { readonly [K in keyof typeof SQL]: Statement };

export function statements(db: Db): SqliteStatements {
  return Object.fromEntries(
    Object.entries(SQL).map(([name, sql]) => [name, db.prepare<unknown[]>(sql) as Statement]),
  ) as SqliteStatements;
}
