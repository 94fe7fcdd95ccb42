-- What changed against the version before, as a line diff of the YAML ("-" removed, "+" added); NULL for the first.
ALTER TABLE playbook_version ADD COLUMN diff TEXT;
