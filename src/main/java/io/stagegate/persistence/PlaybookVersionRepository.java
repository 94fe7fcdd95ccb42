package io.stagegate.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PlaybookVersionRepository implements PanacheRepository<PlaybookVersionEntity> {

    public Uni<PlaybookVersionEntity> latest() {
        return find("order by activatedAt desc, id desc").firstResult();
    }
}
