package io.stagegate.persistence;

import io.stagegate.criteria.Crm;
import java.util.Objects;

/**
 * What a playbook version row keeps of an active playbook: its name, CRM, where it came from, its YAML and the
 * SHA-256 of that YAML. Callers build it from the loaded playbook, so persistence needs nothing from the playbook
 * package.
 */
public record PlaybookText(String name, Crm crm, String source, String yaml, String sha256) {
    public PlaybookText {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sha256, "sha256");
    }
}
