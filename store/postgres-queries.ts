// The SQL of the PostgreSQL store, in one place; every statement is parameterised.

export const SQL = {
  // Rows keep the order of the batch (ORDER BY n), so one person's events get ascending ids.
  insertEvents: `
    INSERT INTO events (source, message_id, received_at, payload)
    SELECT s, m, r, p FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) WITH ORDINALITY AS t(s, m, r, p, n)
    ORDER BY n
    ON CONFLICT (source, message_id) DO NOTHING RETURNING id, source, message_id`,
  insertRows: `
    INSERT INTO outbox (event_id, integration, order_key, has_person, state, next_attempt_at, created_at, detail, finished_at)
    SELECT e, i, k, h, s, d, c, x, f
    FROM unnest($1::bigint[], $2::text[], $3::text[], $4::smallint[], $5::text[], $6::bigint[], $7::bigint[],
                $8::text[], $9::bigint[]) WITH ORDINALITY AS t(e, i, k, h, s, d, c, x, f, n)
    ORDER BY n RETURNING id, integration, order_key, state, next_attempt_at`,
  // A person who already has a head keeps it: their new row waits behind it (the oldest id wins within a batch).
  insertHeads: `
    INSERT INTO heads (integration, order_key, head_id, due_at)
    SELECT i, k, h, d FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[]) AS t(i, k, h, d)
    ORDER BY h
    ON CONFLICT (integration, order_key) DO NOTHING`,
  // One statement: lock due heads no other process holds, lease them, mark their rows, return them with payloads.
  claim: `
    WITH due AS (
      SELECT integration, order_key FROM heads
      WHERE due_at <= $1 AND (lease_until IS NULL OR lease_until <= $1) AND integration = ANY($2::text[])
      ORDER BY due_at, head_id LIMIT $3 FOR UPDATE SKIP LOCKED
    ), leased AS (
      UPDATE heads h SET lease_until = $4 FROM due
      WHERE h.integration = due.integration AND h.order_key = due.order_key
      RETURNING h.head_id, h.due_at
    )
    UPDATE outbox o SET lease_owner = $5 FROM leased, events e
    WHERE o.id = leased.head_id AND e.id = o.event_id
    RETURNING o.id, o.event_id, o.integration, o.order_key, o.has_person, o.attempts, o.created_at, e.payload,
      leased.due_at`,
  peopleOfRows: `SELECT DISTINCT integration, order_key FROM outbox WHERE id = ANY($1::bigint[])`,
  lockHeads: `SELECT h.head_id FROM heads h JOIN unnest($1::text[], $2::text[]) AS p(i, k)
    ON h.integration = p.i AND h.order_key = p.k ORDER BY h.integration, h.order_key FOR UPDATE OF h`,
  rowById: `SELECT * FROM outbox WHERE id = $1`,
  retryRow: `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1, history = $2, lease_owner = NULL
    WHERE id = $3`,
  retryHead: `UPDATE heads SET due_at = $1, lease_until = NULL WHERE integration = $2 AND order_key = $3`,
  finishRow: `UPDATE outbox SET state = $1, attempts = attempts + $2, detail = $3, history = $4, finished_at = $5,
    lease_owner = NULL, next_attempt_at = NULL WHERE id = $6`,
  oldestPending: `SELECT id, next_attempt_at FROM outbox WHERE integration = $1 AND order_key = $2
    AND state = 'pending' ORDER BY id LIMIT 1`,
  deleteHead: `DELETE FROM heads WHERE integration = $1 AND order_key = $2`,
  upsertHead: `INSERT INTO heads (integration, order_key, head_id, due_at) VALUES ($1, $2, $3, $4)
    ON CONFLICT (integration, order_key) DO UPDATE SET head_id = excluded.head_id, due_at = excluded.due_at,
    lease_until = NULL`,
  // A row on the wire (its head leased) is not expired under its worker: the attempt's answer decides it.
  expired: `SELECT o.* FROM outbox o WHERE o.state = 'pending' AND o.created_at < $1
    AND NOT EXISTS (SELECT 1 FROM heads h WHERE h.head_id = o.id AND h.lease_until > $2) ORDER BY o.id`,
  allDead: `SELECT * FROM outbox WHERE state = 'dead' ORDER BY id`,
  rowsById: `SELECT * FROM outbox WHERE id = ANY($1::bigint[]) ORDER BY id`,
  leasedHead: `SELECT 1 FROM heads WHERE integration = $1 AND order_key = $2 AND lease_until > $3`,
  laterDelivered: `SELECT 1 FROM outbox WHERE integration = $1 AND order_key = $2 AND id > $3
    AND state = 'delivered' LIMIT 1`,
  requeue: `UPDATE outbox SET state = 'pending', next_attempt_at = $1, finished_at = NULL, lease_owner = NULL
    WHERE id = $2`,
  wakeHeads: `UPDATE heads SET due_at = $1 WHERE integration = $2 AND due_at > $1
    AND (lease_until IS NULL OR lease_until <= $1)`,
  wakeRows: `UPDATE outbox SET next_attempt_at = $1 WHERE integration = $2 AND state = 'pending' AND next_attempt_at > $1`,
  prune: `DELETE FROM events WHERE received_at < $1 AND NOT EXISTS
    (SELECT 1 FROM outbox o WHERE o.event_id = events.id AND o.state = 'pending')`,
  recentEvents: `SELECT e.id FROM events e WHERE e.id < $1
    AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM outbox o WHERE o.event_id = e.id AND o.integration = $2))
    AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM outbox o WHERE o.event_id = e.id AND o.state = $3))
    AND ($4::text IS NULL OR e.message_id ILIKE $4 OR e.payload ILIKE $4)
    ORDER BY e.id DESC LIMIT $5`,
  eventById: `SELECT * FROM events WHERE id = $1`,
  rowsOfEvent: `SELECT * FROM outbox WHERE event_id = $1 ORDER BY integration`,
  countByState: `SELECT state, COUNT(*) AS n FROM outbox GROUP BY state`,
  oldestPendingAt: `SELECT MIN(created_at) AS at FROM outbox WHERE state = 'pending'`,
  // The shared rate window: one row per key holding the grants still in the window. The update re-reads the row
  // when another process changed it first, so the count and the append are one atomic step.
  ensureRateKey: `INSERT INTO rate_grants (key, grants) VALUES ($1, '{}') ON CONFLICT (key) DO NOTHING`,
  acquireRate: `UPDATE rate_grants
    SET grants = array_append(ARRAY(SELECT g FROM unnest(grants) AS g WHERE g > $2::bigint - $3::bigint ORDER BY g), $2::bigint)
    WHERE key = $1 AND (SELECT COUNT(*) FROM unnest(grants) AS g WHERE g > $2::bigint - $3::bigint) < $4
    RETURNING 1 AS ok`,
  grantsInWindow: `SELECT g::float8 AS g FROM rate_grants, unnest(grants) AS g WHERE key = $1 AND g > $2::bigint - $3::bigint ORDER BY g`,
};
