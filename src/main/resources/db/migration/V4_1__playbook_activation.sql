-- Playbook activations through the API (issue 10): why a version was activated and how, so that the history reads as
-- an audit trail. 'startup' is a playbook file recorded when an instance started, 'activate' an admin's activation,
-- 'rollback' an admin's return to the content of an earlier version (restored_from).
ALTER TABLE playbook_version ADD COLUMN action TEXT NOT NULL DEFAULT 'startup'
    CHECK (action IN ('startup', 'activate', 'rollback'));
ALTER TABLE playbook_version ADD COLUMN reason TEXT;
ALTER TABLE playbook_version ADD COLUMN restored_from BIGINT REFERENCES playbook_version (id);

-- The playbook file instances last started with (one row). A start records its file as a new version only when the file
-- differs from this one: restarting a replica with the file it was deployed with must not undo an API activation.
CREATE TABLE playbook_start_file (
    singleton BOOLEAN     PRIMARY KEY DEFAULT true CHECK (singleton),
    sha256    CHAR(64)    NOT NULL,
    source    TEXT        NOT NULL,
    seen_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
