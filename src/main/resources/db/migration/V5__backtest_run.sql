-- Backtests (issue 13): one run at a time, resumable after a restart. A run is 'queued' until an instance claims it,
-- 'running' while that instance holds it (heartbeat_at moves; a heartbeat older than the lease lets another instance,
-- or this one after a restart, claim it again), 'waiting' until retry_at when the CRM's quota stop or a passing failure
-- paused it, and then 'done' or 'failed'. Each quarter's figures are stored as soon as they are computed: a resumed run
-- computes only the quarters it lacks.
CREATE TABLE backtest_run (
    id               BIGSERIAL   PRIMARY KEY,
    crm              TEXT        NOT NULL,
    quarters         INT         NOT NULL CHECK (quarters BETWEEN 1 AND 8),
    top_deals        INT         NOT NULL CHECK (top_deals BETWEEN 0 AND 50),
    state            TEXT        NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'waiting', 'done', 'failed')),
    requested_by     TEXT        NOT NULL,
    requested_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    heartbeat_at     TIMESTAMPTZ,
    retry_at         TIMESTAMPTZ,
    attempts         INT         NOT NULL DEFAULT 0,
    phase            TEXT,
    opportunities    INT,
    calls            INT,
    untracked_fields TEXT[],
    history_from     TIMESTAMPTZ,
    message          TEXT
);

-- at most one run that is not finished, whatever the number of instances: a second start is refused by the database
CREATE UNIQUE INDEX backtest_run_one_unfinished ON backtest_run ((true)) WHERE state IN ('queued', 'running', 'waiting');

CREATE TABLE backtest_quarter (
    run_id    BIGINT      NOT NULL REFERENCES backtest_run (id) ON DELETE CASCADE,
    start_day DATE        NOT NULL,
    figures   JSONB       NOT NULL,
    stored_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, start_day)
);
