package io.stagegate.intake;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Group commit for the inbox: while {@code maxInFlight} inserts are running, the requests that arrive wait and then
 * go into the database together, as ONE multi-row insert. Every request is still answered only after the statement
 * holding its rows has committed, and a statement commits all its rows or none, so each request stays all-or-nothing;
 * what the requests share is the statement's cost (a round trip, parsing, planning, a commit), which at the target
 * rate was most of the database's work per request. A lone request is inserted at once: nothing waits for a batch to
 * fill. If a shared insert fails, each of its requests is tried again alone, so one request the database refuses
 * cannot make the others fail.
 */
final class GroupCommit {
    /** One request's distinct events, and the caller waiting for what became of them. */
    record Pending(InboxSource source, List<InboxEvent> events, int received, UniEmitter<? super Appended> caller) {
    }

    /** One row of a shared insert. */
    record Row(InboxSource source, InboxEvent event) {
    }

    private final int maxInFlight;
    private final int maxRows;
    /** Inserts the rows, skipping keys the inbox holds; yields the keys it inserted. */
    private final Function<List<Row>, Uni<Set<String>>> insert;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int inFlight;

    GroupCommit(int maxInFlight, int maxRows, Function<List<Row>, Uni<Set<String>>> insert) {
        this.maxInFlight = maxInFlight;
        this.maxRows = maxRows;
        this.insert = insert;
    }

    void submit(Pending request) {
        List<Pending> batch;
        synchronized (this) {
            waiting.addLast(request);
            if (inFlight >= maxInFlight) {
                return;
            }
            inFlight++;
            batch = take();
        }
        run(batch);
    }

    /** The waiting requests, oldest first, up to {@code maxRows} rows (always at least one request). */
    private List<Pending> take() {
        List<Pending> batch = new ArrayList<>();
        int rows = 0;
        while (!waiting.isEmpty() && (batch.isEmpty() || rows + waiting.peekFirst().events().size() <= maxRows)) {
            Pending next = waiting.pollFirst();
            rows += next.events().size();
            batch.add(next);
        }
        return batch;
    }

    private void run(List<Pending> batch) {
        Map<String, Pending> owners = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (Pending request : batch) {
            for (InboxEvent event : request.events()) {
                // a key two waiting requests both carry is inserted once, for the first; the second sees a duplicate
                if (owners.putIfAbsent(event.dedupeKey(), request) == null) {
                    rows.add(new Row(request.source(), event));
                }
            }
        }
        Uni.createFrom().deferred(() -> insert.apply(rows)).subscribe().with(inserted -> {
            for (Pending request : batch) {
                int accepted = 0;
                for (InboxEvent event : request.events()) {
                    if (owners.get(event.dedupeKey()) == request && inserted.contains(event.dedupeKey())) {
                        accepted++;
                    }
                }
                request.caller().complete(new Appended(accepted, request.received() - accepted));
            }
            next();
        }, failure -> {
            if (batch.size() == 1) {
                batch.get(0).caller().fail(failure);
            } else {
                for (Pending request : batch) {
                    alone(request);
                }
            }
            next();
        });
    }

    private void alone(Pending request) {
        List<Row> rows = new ArrayList<>(request.events().size());
        for (InboxEvent event : request.events()) {
            rows.add(new Row(request.source(), event));
        }
        Uni.createFrom().deferred(() -> insert.apply(rows)).subscribe().with(inserted -> {
            int accepted = 0;
            for (InboxEvent event : request.events()) {
                if (inserted.contains(event.dedupeKey())) {
                    accepted++;
                }
            }
            request.caller().complete(new Appended(accepted, request.received() - accepted));
        }, request.caller()::fail);
    }

    /** After an insert: the requests that waited meanwhile go next, or the slot is freed. */
    private void next() {
        List<Pending> batch;
        synchronized (this) {
            if (waiting.isEmpty()) {
                inFlight--;
                return;
            }
            batch = take();
        }
        run(batch);
    }
}
