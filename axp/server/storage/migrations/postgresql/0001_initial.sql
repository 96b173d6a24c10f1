-- The reference server's tables on PostgreSQL. The runner applies this file in one transaction
-- together with its row in axp_schema_version. Documents are json (kept as sent, readable with
-- ->> in psql); times the server compares are epoch seconds (double precision), as on SQLite.
CREATE TABLE intents (
    rowid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    intent_id text NOT NULL UNIQUE,
    status text NOT NULL,
    from_agent text NOT NULL,
    to_agent text NOT NULL,
    correlation_id text NOT NULL,
    doc json NOT NULL
);
CREATE INDEX intents_to ON intents (to_agent);
CREATE INDEX intents_from ON intents (from_agent);
CREATE INDEX intents_corr ON intents (correlation_id);

CREATE TABLE events (
    intent_id text NOT NULL,
    seq integer NOT NULL,
    doc json NOT NULL,
    PRIMARY KEY (intent_id, seq)
);

CREATE TABLE idempotency (
    scope text NOT NULL,
    key text NOT NULL,
    body_hash text NOT NULL,
    status integer NOT NULL,
    response json NOT NULL,
    created_at double precision NOT NULL,
    PRIMARY KEY (scope, key)  -- one winner among concurrent duplicates on any instance
);
CREATE INDEX idempotency_created ON idempotency (created_at);

-- Delivery records of one agent are inserted under the agent's advisory lock, taken shared and
-- held to the commit; a reader takes it exclusively, so it never reads past a cursor that is
-- still uncommitted (and would otherwise skip that record once it commits).
CREATE TABLE deliveries (
    cursor bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent text NOT NULL,
    intent_id text NOT NULL,
    at text NOT NULL
);
CREATE INDEX deliveries_agent ON deliveries (agent, cursor);

CREATE TABLE push_endpoints (
    agent text PRIMARY KEY,
    url text NOT NULL,
    secret text NOT NULL
);

-- A due timer is claimed by one instance at a time: SELECT ... FOR UPDATE SKIP LOCKED, then a
-- lease (owner, until); a lease that runs out lets another instance take the timer over.
CREATE TABLE timers (
    intent_id text NOT NULL,
    kind text NOT NULL,
    due double precision NOT NULL,
    attempt integer NOT NULL DEFAULT 0,
    lease_owner text,
    lease_until double precision,
    PRIMARY KEY (intent_id, kind)
);
CREATE INDEX timers_due ON timers (due);
