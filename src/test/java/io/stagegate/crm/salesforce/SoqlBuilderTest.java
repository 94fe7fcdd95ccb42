package io.stagegate.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagegate.crm.SyncCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoqlBuilderTest {
    private static final SoqlBuilder BUILDER = new SoqlBuilder("Opportunity",
            List.of("Id", "SystemModstamp", "StageName", "stagename", "Budget_Confirmed__c", "acme__Score__c"), List.of("OpportunityContactRoles"));
    private static final String SELECT = "SELECT Id, SystemModstamp, StageName, Budget_Confirmed__c, acme__Score__c, "
            + "(SELECT Id FROM OpportunityContactRoles WHERE IsDeleted = false), (SELECT StageName, CreatedDate FROM OpportunityHistories ORDER BY CreatedDate, Id) FROM Opportunity";

    @Test
    void keysetQueryOrdersByStampThenIdWithUnquotedUtcDatetimes() {
        SyncCursor cursor = new SyncCursor(Instant.parse("2024-05-07T22:07:19.000Z"), "006D000000IRFmaIAH");

        assertThat(BUILDER.changedSince(cursor, Instant.parse("2024-05-08T00:00:59.999Z"))).isEqualTo(SELECT
                + " WHERE ((SystemModstamp = 2024-05-07T22:07:19Z AND Id > '006D000000IRFmaIAH') OR SystemModstamp > 2024-05-07T22:07:19Z)"
                + " AND SystemModstamp <= 2024-05-08T00:00:59Z ORDER BY SystemModstamp, Id");
    }

    @Test
    void aCursorWithoutIdStartsInclusively() {
        assertThat(BUILDER.changedSince(SyncCursor.START, Instant.parse("2024-05-08T00:00:00Z"))).isEqualTo(SELECT
                + " WHERE SystemModstamp >= 1970-01-01T00:00:00Z AND SystemModstamp <= 2024-05-08T00:00:00Z ORDER BY SystemModstamp, Id");
    }

    @Test
    void stringLiteralsEscapeBackslashFirstThenTheQuote() {
        assertThat(SoqlBuilder.literal("O'Brien")).isEqualTo("'O\\'Brien'");
        assertThat(SoqlBuilder.literal("a\\' OR Id != '")).isEqualTo("'a\\\\\\' OR Id != \\''");
        assertThat(SoqlBuilder.literal("line\nbreak\ttab")).isEqualTo("'line\\nbreak\\ttab'");
        assertThat(SoqlBuilder.stages(List.of("Closed Won", "Won't' OR IsActive = true OR MasterLabel = '")))
                .isEqualTo("SELECT MasterLabel, IsActive, IsClosed, IsWon FROM OpportunityStage WHERE MasterLabel IN "
                        + "('Closed Won', 'Won\\'t\\' OR IsActive = true OR MasterLabel = \\'') ORDER BY SortOrder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Name FROM User --", "Id,Name", "Amount)", "Name__c WHERE Id != null", "(SELECT Id FROM Contacts)", "", "1Field",
            "Bad__Name__Too__c", "Name__c__c__c"})
    void namesThatAreNotApiNamesAreRefused(String name) {
        assertThatThrownBy(() -> new SoqlBuilder("Opportunity", List.of(name), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refusing to put a name into SOQL");
        assertThatThrownBy(() -> new SoqlBuilder("Opportunity", List.of("Id"), List.of(name))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SoqlBuilder(name, List.of("Id"), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"006' OR Id != '", "006D000000IRFma", "006D000000IRFmaIAHX", "006D000000IRFma-AH", "006D00000'IRFmaIAH"})
    void idsAreValidatedAgainstThe15And18CharacterPatterns(String id) {
        boolean valid = id.matches("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");
        if (valid) {
            assertThat(SoqlBuilder.idLiteral(id)).isEqualTo("'" + id + "'");
        } else {
            assertThatThrownBy(() -> SoqlBuilder.idLiteral(id)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> BUILDER.changedSince(new SyncCursor(Instant.EPOCH, id), Instant.EPOCH))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> BUILDER.byIds(List.of(id))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void fifteenCharacterIdsAreAcceptedAndEmptyOnesRefused() {
        assertThat(SoqlBuilder.idLiteral("006D000000IRFma")).isEqualTo("'006D000000IRFma'");
        assertThatThrownBy(() -> SoqlBuilder.idLiteral("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void longIdListsAreChunkedBelowTheUriLimit() {
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 2000; n++) {
            ids.add(String.format("006%012dAAA", n));
        }

        List<String> history = SoqlBuilder.historyOf(ids);
        List<String> records = BUILDER.byIds(ids);

        assertThat(history).hasSize(4);
        assertThat(history.get(0)).startsWith("SELECT OpportunityId, StageName, CreatedDate FROM OpportunityHistory WHERE OpportunityId IN ('006000000000000AAA','")
                .endsWith("') ORDER BY OpportunityId, CreatedDate, Id");
        assertThat(String.join(" ", history).split("'006", -1)).hasSize(2001);
        history.forEach(soql -> assertThat(SoqlBuilder.encodedLength(soql)).isLessThanOrEqualTo(SoqlBuilder.MAX_ENCODED_QUERY));
        assertThat(records).hasSize(4).allSatisfy(soql -> assertThat(soql).startsWith(SELECT + " WHERE Id IN ('"));
        assertThat(SoqlBuilder.historyOf(List.of())).isEmpty();
    }

    @Test
    void historyQueriesTakeOnlyApiNamesAndCountRelatedRecordsByTheirCreation() {
        SoqlBuilder builder = new SoqlBuilder("Opportunity", List.of("Id", "StageName", "CreatedDate"), List.of("OpportunityContactRoles"));

        assertThat(builder.existingSince(Instant.parse("2026-07-01T00:00:00Z"))).isEqualTo("SELECT Id, StageName, CreatedDate, "
                + "(SELECT CreatedDate FROM OpportunityContactRoles WHERE IsDeleted = false) FROM Opportunity "
                + "WHERE IsClosed = false OR SystemModstamp >= 2026-07-01T00:00:00Z ORDER BY Id");
        assertThat(SoqlBuilder.fieldHistory(List.of("Demo_Date__c"), Instant.parse("2026-07-01T00:00:00.900Z")))
                .contains("WHERE CreatedDate >= 2026-07-01T00:00:00Z AND Field IN ('Demo_Date__c') ORDER BY");
        assertThatThrownBy(() -> SoqlBuilder.fieldHistory(List.of("Demo_Date__c') OR (Field != '"), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refusing to put a name into SOQL");
    }
}
