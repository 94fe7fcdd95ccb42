package io.stagegate.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Requests that arrive while inserts run share the next statement, each is answered with its own counts only after
 * that statement, and a refused statement is retried request by request. The database is a set of keys whose inserts
 * the test completes one at a time.
 */
class GroupCommitTest {
    private final Set<String> stored = new HashSet<>();
    private final List<Statement> statements = new ArrayList<>();
    private final GroupCommit commits = new GroupCommit(1, 5, rows -> Uni.createFrom().emitter(done -> statements.add(new Statement(rows, done))));

    /** One insert the test has not let finish yet. */
    private record Statement(List<GroupCommit.Row> rows, UniEmitter<? super Set<String>> done) {
        List<String> keys() {
            return rows.stream().map(row -> row.event().dedupeKey()).collect(Collectors.toList());
        }
    }

    /** The database commits the statement: keys it does not hold yet are inserted. */
    private void commit(int index) {
        Statement statement = statements.get(index);
        Set<String> inserted = new LinkedHashSet<>();
        for (String key : statement.keys()) {
            if (stored.add(key)) {
                inserted.add(key);
            }
        }
        statement.done().complete(inserted);
    }

    private CompletableFuture<Appended> append(String... keys) {
        List<InboxEvent> events = new ArrayList<>();
        for (String key : keys) {
            events.add(new InboxEvent(key, List.of("0065g00000AbCdEAAV"), "{}"));
        }
        CompletableFuture<Appended> answer = new CompletableFuture<>();
        Uni.createFrom().<Appended>emitter(caller -> commits.submit(new GroupCommit.Pending(InboxSource.HUBSPOT_WEBHOOK, events, keys.length, caller)))
                .subscribe().with(answer::complete, answer::completeExceptionally);
        return answer;
    }

    @Test
    void aLoneRequestIsInsertedAtOnce() {
        CompletableFuture<Appended> first = append("a");

        assertThat(statements).hasSize(1);
        assertThat(statements.get(0).keys()).containsExactly("a");
        assertThat(first).as("answered only after the commit").isNotDone();
        commit(0);
        assertThat(first).isCompletedWithValue(new Appended(1, 0));
    }

    @Test
    void requestsArrivingDuringAnInsertShareTheNextStatementAndAreAnsweredAfterIt() {
        CompletableFuture<Appended> first = append("a");
        CompletableFuture<Appended> second = append("b", "c");
        CompletableFuture<Appended> third = append("d");

        assertThat(statements).as("the others wait for the one slot").hasSize(1);
        commit(0);

        assertThat(first).isCompletedWithValue(new Appended(1, 0));
        assertThat(statements).hasSize(2);
        assertThat(statements.get(1).keys()).containsExactly("b", "c", "d");
        assertThat(second).isNotDone();
        assertThat(third).isNotDone();
        commit(1);
        assertThat(second).isCompletedWithValue(new Appended(2, 0));
        assertThat(third).isCompletedWithValue(new Appended(1, 0));
    }

    @Test
    void eachRequestCountsItsOwnDuplicatesAndAKeyTwoRequestsCarryIsInsertedOnceForTheFirst() {
        stored.add("old");
        append("x");
        CompletableFuture<Appended> second = append("old", "k1");
        CompletableFuture<Appended> third = append("k1", "k2");
        commit(0);

        assertThat(statements.get(1).keys()).containsExactly("old", "k1", "k2");
        commit(1);

        assertThat(second).isCompletedWithValue(new Appended(1, 1));
        assertThat(third).isCompletedWithValue(new Appended(1, 1));
    }

    @Test
    void aStatementHoldsAtMostMaxRowsButAlwaysAWholeRequest() {
        append("x");
        append("a1", "a2", "a3");
        append("b1", "b2", "b3");
        commit(0);

        assertThat(statements.get(1).keys()).containsExactly("a1", "a2", "a3");
        commit(1);
        assertThat(statements.get(2).keys()).containsExactly("b1", "b2", "b3");
    }

    @Test
    void aRefusedSharedStatementIsRetriedRequestByRequestSoOnlyTheRefusedOneFails() {
        append("x");
        CompletableFuture<Appended> good = append("g");
        CompletableFuture<Appended> poison = append("p");
        commit(0);
        statements.get(1).done().fail(new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00"));

        assertThat(statements).hasSize(4);
        assertThat(statements.get(2).keys()).containsExactly("g");
        assertThat(statements.get(3).keys()).containsExactly("p");
        commit(2);
        statements.get(3).done().fail(new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00"));

        assertThat(good).isCompletedWithValue(new Appended(1, 0));
        assertThat(poison).isCompletedExceptionally();
        assertThat(stored).containsExactlyInAnyOrder("x", "g");
    }

    @Test
    void aFailedLoneInsertFailsItsRequestAndFreesTheSlot() {
        CompletableFuture<Appended> first = append("a");
        statements.get(0).done().fail(new SQLException("connection refused"));

        assertThat(first).isCompletedExceptionally();
        CompletableFuture<Appended> second = append("b");
        assertThat(statements).as("inserted at once: nothing in flight").hasSize(2);
        commit(1);
        assertThat(second).isCompletedWithValue(new Appended(1, 0));
    }
}
