-- The sync engine (docs/design-sync.md): cursors, per-opportunity state, stage transitions, the push inbox, the
-- write-back outbox, daily forecast snapshots and the audit log. Several replicas share these tables: work is claimed
-- with FOR UPDATE SKIP LOCKED, poll leadership is a session advisory lock, every write is an idempotent upsert.

-- Where each reader of a CRM stands: 'poll' (incremental), 'sweep' (reconciliation, restarted daily and after a
-- playbook change). (modified_at, last_id) is the keyset position after the last page processed.
CREATE TABLE sync_cursor (
    crm          TEXT        NOT NULL CHECK (crm IN ('SALESFORCE', 'HUBSPOT')),
    kind         TEXT        NOT NULL CHECK (kind IN ('poll', 'sweep')),
    modified_at  TIMESTAMPTZ NOT NULL,
    last_id      TEXT        NOT NULL,
    -- a sweep in progress: until when it reads (NULL when no sweep runs)
    until_at     TIMESTAMPTZ,
    started_at   TIMESTAMPTZ,
    completed_at TIMESTAMPTZ,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (crm, kind)
);

-- The last thing we know about each opportunity: the inputs as last read, the evaluation, what the CRM held in our
-- output fields and what we last wrote.
CREATE TABLE opportunity_state (
    crm                 TEXT        NOT NULL CHECK (crm IN ('SALESFORCE', 'HUBSPOT')),
    opportunity_id      TEXT        NOT NULL,
    pipeline            TEXT,
    stage               TEXT,
    owner               TEXT,
    currency            TEXT,
    amount              NUMERIC,
    close_date          DATE,
    status              TEXT        NOT NULL CHECK (status IN ('OPEN', 'WON', 'LOST', 'UNMAPPED', 'DELETED')),
    recorded_stage      TEXT,
    qualified_stage     TEXT,
    over_staged         BOOLEAN     NOT NULL DEFAULT false,
    stage_skip          BOOLEAN     NOT NULL DEFAULT false,
    recorded_forecast   NUMERIC,
    qualified_forecast  NUMERIC,
    -- the criteria fields as read (JSON object), related counts, and the evaluation's verdicts
    inputs              JSONB       NOT NULL DEFAULT '{}'::jsonb,
    evaluation          JSONB       NOT NULL DEFAULT '{}'::jsonb,
    -- our output fields as the CRM held them when read, and the values the engine wants there
    crm_outputs         JSONB       NOT NULL DEFAULT '{}'::jsonb,
    desired_outputs     JSONB       NOT NULL DEFAULT '{}'::jsonb,
    -- the values last written successfully, and when
    written_outputs     JSONB,
    written_at          TIMESTAMPTZ,
    -- why the record could not be evaluated (unmapped stage, bad currency), when it could not
    problem             TEXT,
    modified_at         TIMESTAMPTZ NOT NULL,
    read_at             TIMESTAMPTZ NOT NULL,
    evaluated_at        TIMESTAMPTZ NOT NULL,
    playbook_sha256     CHAR(64)    NOT NULL,
    PRIMARY KEY (crm, opportunity_id)
);

CREATE INDEX opportunity_state_open ON opportunity_state (crm, status, pipeline, currency);
CREATE INDEX opportunity_state_owner ON opportunity_state (crm, owner) WHERE status = 'OPEN';

-- Every observed stage move, frozen as it was judged when first observed (a later fill-in of the criteria does not
-- un-skip a jump). The unique key makes replays and re-reads of history no-ops.
CREATE TABLE stage_transition (
    id              BIGSERIAL PRIMARY KEY,
    crm             TEXT        NOT NULL CHECK (crm IN ('SALESFORCE', 'HUBSPOT')),
    opportunity_id  TEXT        NOT NULL,
    pipeline        TEXT,
    owner           TEXT,
    from_stage      TEXT        NOT NULL,
    to_stage        TEXT        NOT NULL,
    moved_at        TIMESTAMPTZ NOT NULL,
    kind            TEXT        NOT NULL,
    skipped_stages  JSONB       NOT NULL DEFAULT '[]'::jsonb,
    -- [{key, label, stage, observed}] of the criteria unmet when the move was observed
    skipped_criteria JSONB      NOT NULL DEFAULT '[]'::jsonb,
    skipped_criteria_flag BOOLEAN NOT NULL DEFAULT false,
    source          TEXT        NOT NULL CHECK (source IN ('history', 'poll', 'push', 'sweep')),
    observed_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (crm, opportunity_id, moved_at, to_stage)
);

CREATE INDEX stage_transition_jumps ON stage_transition (crm, moved_at DESC) WHERE skipped_criteria_flag;

-- Pushed events (Salesforce Outbound Messages, signed JSON callouts, HubSpot webhooks), persisted before the 2xx.
-- Workers claim PENDING rows with FOR UPDATE SKIP LOCKED, read the records by id and process them like a poll page.
CREATE TABLE inbox (
    id            BIGSERIAL PRIMARY KEY,
    crm           TEXT        NOT NULL CHECK (crm IN ('SALESFORCE', 'HUBSPOT')),
    source        TEXT        NOT NULL,
    -- the sender's own id of the event (notification id, event id): a re-delivery inserts nothing
    dedupe_key    TEXT        NOT NULL UNIQUE,
    record_ids    TEXT[]      NOT NULL,
    payload       TEXT        NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    status        TEXT        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DONE', 'DEAD')),
    attempts      INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    processed_at  TIMESTAMPTZ,
    error         TEXT
);

CREATE INDEX inbox_pending ON inbox (next_attempt_at, id) WHERE status = 'PENDING';

-- Values to write back. At most one PENDING row per opportunity (newer values replace older ones); SENDING rows are
-- claimed by one relay under a lease; WRITTEN rows are the history of what was written; DEAD rows carry the CRM's
-- refusal for an admin; SHADOW rows are what write-back would do while it is off.
CREATE TABLE outbox (
    id              BIGSERIAL PRIMARY KEY,
    crm             TEXT        NOT NULL CHECK (crm IN ('SALESFORCE', 'HUBSPOT')),
    opportunity_id  TEXT        NOT NULL,
    pipeline        TEXT,
    outputs         JSONB       NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'WRITTEN', 'DEAD', 'SHADOW', 'SUPERSEDED')),
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    lease_until     TIMESTAMPTZ,
    claimed_by      TEXT,
    -- the previous lease ran out without an outcome: read the record before writing it again
    in_doubt        BOOLEAN     NOT NULL DEFAULT false,
    error_code      TEXT,
    error_message   TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    written_at      TIMESTAMPTZ
);

CREATE UNIQUE INDEX outbox_one_pending ON outbox (crm, opportunity_id) WHERE status IN ('PENDING', 'SHADOW');
CREATE UNIQUE INDEX outbox_one_sending ON outbox (crm, opportunity_id) WHERE status = 'SENDING';
CREATE INDEX outbox_due ON outbox (crm, next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX outbox_dead ON outbox (crm, updated_at DESC) WHERE status = 'DEAD';

-- Once a day per (pipeline, owner, currency): the recorded and qualified forecast of the open opportunities, and
-- what closed, for accuracy tracking.
CREATE TABLE forecast_snapshot (
    day                 DATE        NOT NULL,
    crm                 TEXT        NOT NULL CHECK (crm IN ('SALESFORCE', 'HUBSPOT')),
    pipeline            TEXT        NOT NULL,
    owner               TEXT        NOT NULL,
    currency            TEXT        NOT NULL,
    open_count          INT         NOT NULL,
    over_staged_count   INT         NOT NULL,
    amount              NUMERIC     NOT NULL,
    recorded_forecast   NUMERIC     NOT NULL,
    qualified_forecast  NUMERIC     NOT NULL,
    won_amount          NUMERIC     NOT NULL,
    taken_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (day, crm, pipeline, owner, currency)
);

-- Who did what: playbook activations, write-back switches, dead-letter replays, sweeps started.
CREATE TABLE audit_log (
    id       BIGSERIAL PRIMARY KEY,
    at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor    TEXT        NOT NULL,
    action   TEXT        NOT NULL,
    crm      TEXT,
    detail   JSONB       NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX audit_log_at ON audit_log (at DESC);
