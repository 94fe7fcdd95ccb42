-- Every playbook Stagegate has run with: which one was active when, and where it came from.
CREATE TABLE playbook_version (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT        NOT NULL,
    crm          TEXT        NOT NULL CHECK (crm IN ('SALESFORCE', 'HUBSPOT')),
    source       TEXT        NOT NULL,
    sha256       CHAR(64)    NOT NULL,
    content      TEXT        NOT NULL,
    activated_by TEXT        NOT NULL,
    activated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX playbook_version_activated_at ON playbook_version (activated_at DESC);
