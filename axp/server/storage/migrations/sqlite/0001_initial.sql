-- The reference server's tables (PRAGMA user_version 1). Statements only: the runner wraps the
-- file in one transaction and sets user_version to the file's number.
CREATE TABLE IF NOT EXISTS intents (
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    intent_id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    from_agent TEXT NOT NULL,
    to_agent TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS intents_to ON intents(to_agent);
CREATE INDEX IF NOT EXISTS intents_corr ON intents(correlation_id);
CREATE TABLE IF NOT EXISTS events (
    intent_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (intent_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS idempotency (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    response TEXT NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE TABLE IF NOT EXISTS deliveries (
    cursor INTEGER PRIMARY KEY AUTOINCREMENT,
    agent TEXT NOT NULL,
    intent_id TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS deliveries_agent ON deliveries(agent, cursor);
CREATE TABLE IF NOT EXISTS push_endpoints (
    agent TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    secret TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS timers (
    intent_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    due REAL NOT NULL,
    attempt INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (intent_id, kind)
);
CREATE INDEX IF NOT EXISTS timers_due ON timers(due);
