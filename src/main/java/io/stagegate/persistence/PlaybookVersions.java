package io.stagegate.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;

/** Keeps the history of playbooks the service ran with: who activated which content, and when. */
@ApplicationScoped
public class PlaybookVersions {
    private final PlaybookVersionRepository repository;
    private final Clock clock;

    public PlaybookVersions(PlaybookVersionRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Records {@code playbook} as active unless the latest recorded version has the same content. Returns its version. */
    public Uni<Long> recordIfChanged(PlaybookText playbook, String activatedBy) {
        String sha = playbook.sha256();
        return Panache.withTransaction(() -> repository.latest().flatMap(latest -> {
            if (latest != null && latest.sha256.equals(sha)) {
                return Uni.createFrom().item(latest.id);
            }
            PlaybookVersionEntity version = new PlaybookVersionEntity();
            version.name = playbook.name();
            version.crm = playbook.crm().name();
            version.source = playbook.source();
            version.sha256 = sha;
            version.content = playbook.yaml();
            version.diff = latest == null ? null : PlaybookDiff.of(latest.content, playbook.yaml());
            version.activatedBy = activatedBy;
            version.activatedAt = OffsetDateTime.now(clock);
            return repository.persist(version).map(saved -> saved.id);
        }));
    }

    public Uni<Long> count() {
        return Panache.withSession(repository::count);
    }
}
