// The SQLite store's schema as versioned migrations; a database written by a newer program is refused.

export const SQLITE_MIGRATIONS: readonly string[] = [
  // 1: events, their outbox rows, and the head of each person's queue.
  `
  CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    message_id TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    payload TEXT NOT NULL,
    UNIQUE (source, message_id)
  );
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    integration TEXT NOT NULL,
    order_key TEXT NOT NULL,
    has_person INTEGER NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    lease_owner TEXT,
    created_at INTEGER NOT NULL,
    finished_at INTEGER,
    detail TEXT,
    history TEXT NOT NULL DEFAULT '[]'
  );
  CREATE INDEX outbox_person ON outbox (integration, order_key, id);
  CREATE INDEX outbox_event ON outbox (event_id);
  CREATE INDEX outbox_state ON outbox (state, created_at);
  CREATE TABLE heads (
    integration TEXT NOT NULL,
    order_key TEXT NOT NULL,
    head_id INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    lease_until INTEGER,
    PRIMARY KEY (integration, order_key)
  );
  CREATE INDEX heads_due ON heads (due_at);
  `,
  // 2: an event without a person queues under `e:ID`. Its old key began with a NUL, which libsql reads back as "", so
  // completing its row never moved its head: heads of finished rows go, and each pending one gets its head back.
  `
  UPDATE outbox SET order_key = 'e:' || event_id WHERE has_person = 0;
  DELETE FROM heads WHERE substr(order_key, 1, 2) <> 'p:';
  INSERT INTO heads (integration, order_key, head_id, due_at)
    SELECT integration, order_key, id, COALESCE(next_attempt_at, created_at) FROM outbox
    WHERE has_person = 0 AND state = 'pending';
  `,
];

export const SQLITE_SCHEMA_VERSION = SQLITE_MIGRATIONS.length;
