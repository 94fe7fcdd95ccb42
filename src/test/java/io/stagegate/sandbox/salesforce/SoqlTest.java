package io.stagegate.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SOQL subset end to end without HTTP: parse, check against the schema, run on a small org, project. */
class SoqlTest {
    private static final Instant NOW = Instant.parse("2024-05-15T12:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2024, 5, 15);

    private SalesforceOrg org;

    @BeforeEach
    void seed() {
        org = new SalesforceOrg(TestDeals.PLAYBOOK, Clock.fixed(NOW, ZoneOffset.UTC), "integration@stagegate.sandbox");
        org.seed(Stream.of(
                TestDeals.deal(0, "Prospecting", BigDecimal.valueOf(500), "USD",
                        Map.of("Budget_Confirmed__c", true, "Next_Step_Date__c", LocalDate.of(2024, 5, 20)), Map.of()),
                TestDeals.deal(1, "Qualification", BigDecimal.valueOf(1500), "EUR", Map.of("Budget_Confirmed__c", false),
                        Map.of("OpportunityContactRoles", 1)),
                TestDeals.deal(2, "Needs Analysis", null, "USD", Map.of(), Map.of("OpportunityContactRoles", 2)),
                TestDeals.named(TestDeals.deal(3, "Value Proposition", BigDecimal.valueOf(2500), "USD",
                        Map.of("Discovery_Meeting_Date__c", LocalDate.of(2024, 5, 14)), Map.of("OpportunityContactRoles", 3)), "O'Brien 100% deal_1"),
                TestDeals.deal(4, "Negotiation/Review", BigDecimal.valueOf(10_000), "EUR", Map.of(), Map.of()),
                TestDeals.deal(5, "Closed Won", BigDecimal.valueOf(7000), "USD", Map.of(), Map.of()),
                TestDeals.deal(6, "Closed Lost", BigDecimal.valueOf(300), "USD", Map.of(), Map.of())));
    }

    private List<Map<String, Object>> query(String soql) {
        CompiledQuery query = SoqlCompiler.compile(soql, org.schema(), TODAY);
        return org.read(view -> {
            List<Map<String, Object>> records = new ArrayList<>();
            for (Row row : query.run(view, false)) {
                records.add(query.project(row, view, false, "v62.0"));
            }
            return records;
        });
    }

    private List<String> names(String where) {
        List<String> names = new ArrayList<>();
        query("SELECT Name FROM Opportunity " + where).forEach(record -> names.add((String) record.get("Name")));
        return names;
    }

    private static SoqlException error(String soql, SalesforceOrg org) {
        try {
            SoqlCompiler.compile(soql, org.schema(), TODAY);
        } catch (SoqlException e) {
            return e;
        }
        throw new AssertionError("expected an error for " + soql);
    }

    @Test
    void projectsRecordsWithAttributesCanonicalNamesAndSalesforceValueFormats() {
        Map<String, Object> record = query("select id, NAME, stagename, amount, closedate, systemmodstamp, isclosed, probability, ownerid "
                + "from OPPORTUNITY where name = 'deal 0'").get(0);
        assertThat(record.keySet()).containsExactly("attributes", "Id", "Name", "StageName", "Amount", "CloseDate", "SystemModstamp", "IsClosed",
                "Probability", "OwnerId");
        assertThat(record.get("attributes")).isEqualTo(Map.of("type", "Opportunity", "url", "/services/data/v62.0/sobjects/Opportunity/"
                + org.opportunityId(0)));
        assertThat(record.get("Name")).isEqualTo("Deal 0");
        assertThat(record.get("Amount")).isEqualTo(500.0);
        assertThat(record.get("Probability")).isEqualTo(10.0);
        assertThat(record.get("CloseDate")).isEqualTo("2024-06-30");
        assertThat(record.get("SystemModstamp")).isEqualTo("2024-01-02T09:00:00.000+0000");
        assertThat(record.get("IsClosed")).isEqualTo(false);
    }

    @Test
    void combinesConditionsWithAndOrNotAndParentheses() {
        assertThat(names("WHERE (StageName = 'Prospecting' OR StageName = 'Qualification') AND NOT Amount < 1000")).containsExactly("Deal 1");
        assertThat(names("WHERE StageName = 'Closed Won' OR StageName = 'Closed Lost' OR Amount = 500")).containsExactly("Deal 0", "Deal 5", "Deal 6");
        assertThat(names("WHERE NOT (IsClosed = true OR Amount > 1000)")).containsExactly("Deal 0", "Deal 2");
    }

    @Test
    void mixingAndWithOrNeedsParentheses() {
        SoqlException e = error("SELECT Id FROM Opportunity WHERE Amount > 1 AND IsClosed = false OR IsWon = true", org);
        assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY");
        assertThat(e.getMessage()).contains("unexpected token: 'OR'").contains("ERROR at Row:1:Column:");
    }

    @Test
    void notEqualAndNotInMatchEmptyFieldsAsSoqlDoes() {
        assertThat(names("WHERE Amount != 500 AND IsClosed = false")).containsExactly("Deal 1", "Deal 2", "O'Brien 100% deal_1", "Deal 4");
        assertThat(names("WHERE Amount <> 500 AND IsClosed = false")).containsExactly("Deal 1", "Deal 2", "O'Brien 100% deal_1", "Deal 4");
        assertThat(names("WHERE Amount = null")).containsExactly("Deal 2");
        assertThat(names("WHERE Amount != null AND Amount < 1000")).containsExactly("Deal 0", "Deal 6");
        assertThat(names("WHERE Amount NOT IN (500, 1500, 2500, 10000.00)")).containsExactly("Deal 2", "Deal 5", "Deal 6");
        assertThat(names("WHERE Amount > 100000")).isEmpty();
    }

    @Test
    void inListsOfStringsIdsAndDates() {
        assertThat(names("WHERE StageName IN ('Closed Won', 'closed lost')")).containsExactly("Deal 5", "Deal 6");
        assertThat(names("WHERE Id IN ('" + org.opportunityId(4) + "', '" + org.opportunityId(1).substring(0, 15) + "')"))
                .containsExactly("Deal 1", "Deal 4");
        assertThat(names("WHERE CloseDate IN (2024-06-30, 2024-07-02)")).containsExactly("Deal 0", "Deal 2");
    }

    @Test
    void likeIsCaseInsensitiveWithWildcardsAndEscapes() {
        assertThat(names("WHERE Name LIKE 'deal _'")).hasSize(6);
        assertThat(names("WHERE Name LIKE '%\\%%'")).containsExactly("O'Brien 100% deal_1");
        assertThat(names("WHERE Name LIKE '%deal\\_1'")).containsExactly("O'Brien 100% deal_1");
        assertThat(names("WHERE Name LIKE 'o\\'brien%'")).containsExactly("O'Brien 100% deal_1");
        assertThat(names("WHERE Name = 'O\\'Brien 100% deal_1'")).containsExactly("O'Brien 100% deal_1");
        assertThat(names("WHERE NOT Name LIKE 'Deal%'")).containsExactly("O'Brien 100% deal_1");
    }

    @Test
    void comparesUnquotedDatesAndDatetimesWithAnyOffset() {
        assertThat(names("WHERE CloseDate > 2024-07-03")).containsExactly("Deal 4", "Deal 5", "Deal 6");
        assertThat(names("WHERE CloseDate = 2024-06-30")).containsExactly("Deal 0");
        assertThat(names("WHERE CreatedDate = 2024-01-02T09:00:00Z")).hasSize(7);
        assertThat(names("WHERE CreatedDate = 2024-01-02T10:00:00+01:00")).hasSize(7);
        assertThat(names("WHERE CreatedDate = 2024-01-02T01:00:00.000-08:00")).hasSize(7);
        assertThat(names("WHERE SystemModstamp > 2024-01-16T09:00:00Z AND IsClosed = false")).containsExactly("O'Brien 100% deal_1", "Deal 4");
        assertThat(names("WHERE Discovery_Meeting_Date__c <= 2024-05-14")).containsExactly("O'Brien 100% deal_1");
    }

    @Test
    void relativeDateLiteralsCountFromTodayInGmt() {
        org.update(org.opportunityId(1), Map.of("CloseDate", "2024-05-15"), org.integrationUserId());
        org.update(org.opportunityId(2), Map.of("CloseDate", "2024-05-14"), org.integrationUserId());
        assertThat(names("WHERE CloseDate = TODAY")).containsExactly("Deal 1");
        assertThat(names("WHERE CloseDate = YESTERDAY")).containsExactly("Deal 2");
        assertThat(names("WHERE CloseDate < TODAY")).containsExactly("Deal 2");
        assertThat(names("WHERE CloseDate = LAST_N_DAYS:1")).containsExactly("Deal 1", "Deal 2");
        assertThat(names("WHERE CloseDate = NEXT_N_DAYS:46")).containsExactly("Deal 0");
        assertThat(names("WHERE CloseDate = THIS_MONTH")).containsExactly("Deal 1", "Deal 2");
        assertThat(names("WHERE CloseDate = THIS_WEEK")).containsExactly("Deal 1", "Deal 2");
        assertThat(names("WHERE LastModifiedDate = TODAY")).containsExactly("Deal 1", "Deal 2");
        assertThat(names("WHERE LastModifiedDate > LAST_N_DAYS:30")).isEmpty();
        assertThat(names("WHERE LastModifiedDate >= LAST_N_DAYS:30")).containsExactly("Deal 1", "Deal 2");
        assertThat(names("WHERE CloseDate = THIS_QUARTER")).containsExactly("Deal 0", "Deal 1", "Deal 2");
    }

    @Test
    void booleansAndCriteriaFields() {
        assertThat(names("WHERE IsWon = true")).containsExactly("Deal 5");
        assertThat(names("WHERE IsClosed = true AND IsWon = false")).containsExactly("Deal 6");
        assertThat(names("WHERE Budget_Confirmed__c = true")).containsExactly("Deal 0");
        assertThat(names("WHERE Next_Step_Date__c != null")).containsExactly("Deal 0");
    }

    @Test
    void ordersBySeveralFieldsWithNullsWhereAsked() {
        assertThat(names("ORDER BY Amount")).first().isEqualTo("Deal 2");
        assertThat(names("ORDER BY Amount DESC")).containsExactly("Deal 4", "Deal 5", "O'Brien 100% deal_1", "Deal 1", "Deal 0", "Deal 6", "Deal 2");
        assertThat(names("ORDER BY Amount ASC NULLS LAST LIMIT 2")).containsExactly("Deal 6", "Deal 0");
        assertThat(names("ORDER BY Amount DESC NULLS FIRST LIMIT 2")).containsExactly("Deal 2", "Deal 4");
        assertThat(names("ORDER BY CurrencyIsoCode DESC, Amount ASC")).containsExactly("Deal 2", "Deal 6", "Deal 0", "O'Brien 100% deal_1",
                "Deal 5", "Deal 1", "Deal 4");
        assertThat(names("ORDER BY Name LIMIT 3 OFFSET 2")).containsExactly("Deal 2", "Deal 4", "Deal 5");
    }

    @Test
    void countReturnsTheNumberOfMatches() {
        CompiledQuery query = SoqlCompiler.compile("SELECT COUNT() FROM Opportunity WHERE IsClosed = false", org.schema(), TODAY);
        assertThat(query.isCount()).isTrue();
        List<Row> rows = org.read(view -> query.run(view, false));
        assertThat(rows).hasSize(5);
    }

    @Test
    @SuppressWarnings("unchecked")
    void contactRoleSubqueryGivesAResultOrNull() {
        List<Map<String, Object>> records = query("SELECT Name, (SELECT Id, Role, IsPrimary FROM OpportunityContactRoles ORDER BY Role) FROM Opportunity "
                + "WHERE Name IN ('Deal 0', 'Deal 2')");
        assertThat(records.get(0).get("OpportunityContactRoles")).isNull();
        Map<String, Object> roles = (Map<String, Object>) records.get(1).get("OpportunityContactRoles");
        assertThat(roles).containsEntry("totalSize", 2).containsEntry("done", true);
        List<Map<String, Object>> children = (List<Map<String, Object>>) roles.get("records");
        assertThat(children).hasSize(2);
        assertThat(children.get(0).keySet()).containsExactly("attributes", "Id", "Role", "IsPrimary");
        assertThat(((Map<String, Object>) children.get(0).get("attributes")).get("type")).isEqualTo("OpportunityContactRole");
    }

    @Test
    @SuppressWarnings("unchecked")
    void parentRelationshipsNestRecordsAndFilter() {
        Map<String, Object> record = query("SELECT Id, Owner.Name, Owner.Username, RecordType.DeveloperName FROM Opportunity WHERE Name = 'Deal 0'")
                .get(0);
        Map<String, Object> owner = (Map<String, Object>) record.get("Owner");
        assertThat(owner.keySet()).containsExactly("attributes", "Name", "Username");
        assertThat(owner.get("Name")).isEqualTo("Bob Careful");
        assertThat(((Map<String, Object>) record.get("RecordType")).get("DeveloperName")).isEqualTo("New_Business");
        assertThat(names("WHERE Owner.Name = 'bob careful'")).containsExactly("Deal 0", "O'Brien 100% deal_1", "Deal 6");
        assertThat(names("WHERE RecordType.DeveloperName = 'Renewal'")).containsExactly("Deal 4");
    }

    @Test
    void queriesTheObjectsAroundOpportunity() {
        List<Map<String, Object>> stages = query("SELECT MasterLabel, SortOrder, DefaultProbability, ForecastCategoryName, IsClosed, IsWon "
                + "FROM OpportunityStage WHERE IsActive = true ORDER BY SortOrder");
        assertThat(stages).hasSize(10);
        assertThat(stages.get(0)).containsEntry("MasterLabel", "Prospecting").containsEntry("SortOrder", 1).containsEntry("DefaultProbability", 10.0)
                .containsEntry("ForecastCategoryName", "Pipeline");
        assertThat(stages.get(8)).containsEntry("MasterLabel", "Closed Won").containsEntry("IsWon", true).containsEntry("ForecastCategoryName", "Closed");
        assertThat(stages.get(9)).containsEntry("MasterLabel", "Closed Lost").containsEntry("IsClosed", true).containsEntry("IsWon", false);

        List<Map<String, Object>> history = query("SELECT StageName, CreatedDate, Probability FROM OpportunityHistory WHERE OpportunityId = '"
                + org.opportunityId(3) + "' ORDER BY CreatedDate");
        assertThat(history).extracting(row -> row.get("StageName")).containsExactly("Prospecting", "Qualification", "Needs Analysis", "Value Proposition");
        assertThat(query("SELECT Id, ContactId, Role FROM OpportunityContactRole WHERE OpportunityId = '" + org.opportunityId(3) + "'")).hasSize(3);
        assertThat(query("SELECT DeveloperName FROM RecordType WHERE SobjectType = 'Opportunity' ORDER BY DeveloperName"))
                .extracting(row -> row.get("DeveloperName")).containsExactly("New_Business", "Renewal");
        assertThat(query("SELECT Username FROM User WHERE IsActive = true")).hasSize(3);
    }

    @Test
    void keysetConditionOverSharedTimestampsWalksEveryRowOnce() {
        Instant shared = Instant.parse("2024-05-01T10:00:00Z");
        org.setSystemModstamp(org.opportunityIds(), shared);
        List<String> seen = new ArrayList<>();
        String lastId = "000000000000000AAA";
        while (true) {
            List<Map<String, Object>> page = query("SELECT Id FROM Opportunity WHERE (SystemModstamp = 2024-05-01T10:00:00Z AND Id > '" + lastId
                    + "') OR SystemModstamp > 2024-05-01T10:00:00Z ORDER BY SystemModstamp, Id LIMIT 2");
            if (page.isEmpty()) {
                break;
            }
            page.forEach(record -> seen.add((String) record.get("Id")));
            lastId = (String) page.get(page.size() - 1).get("Id");
        }
        assertThat(seen).hasSize(7).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void unknownNamesAreRefusedAsSalesforceRefusesThem() {
        SoqlException field = error("SELECT Id, Foo__c FROM Opportunity", org);
        assertThat(field.errorCode()).isEqualTo("INVALID_FIELD");
        assertThat(field.getMessage()).contains("No such column 'Foo__c' on entity 'Opportunity'").contains("ERROR at Row:1:Column:12");
        SoqlException object = error("SELECT Id FROM Account", org);
        assertThat(object.errorCode()).isEqualTo("INVALID_TYPE");
        assertThat(object.getMessage()).contains("sObject type 'Account' is not supported.");
        assertThat(error("SELECT Id FROM Opportunity WHERE Foo.Name = 'x'", org).errorCode()).isEqualTo("INVALID_FIELD");
        assertThat(error("SELECT Id, (SELECT Id FROM Partners) FROM Opportunity", org).errorCode()).isEqualTo("INVALID_TYPE");
        assertThat(error("SELECT Id FROM Opportunity WHERE Skipped_Criteria_Detail__c = 'x'", org).getMessage())
                .contains("field 'Skipped_Criteria_Detail__c' can not be filtered");
        assertThat(error("SELECT Id FROM Opportunity ORDER BY Skipped_Criteria_Detail__c", org).errorCode()).isEqualTo("INVALID_FIELD");
        assertThat(error("SELECT Id FROM Opportunity LIMIT 10 OFFSET 2001", org).errorCode()).isEqualTo("NUMBER_OUTSIDE_VALID_RANGE");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT Id FROM Opportunity WHERE Amount = '500'|value of filter criterion for field 'Amount' must be of type double and should not be enclosed in quotes",
            "SELECT Id FROM Opportunity WHERE Name = 5|value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes",
            "SELECT Id FROM Opportunity WHERE CloseDate > '2024-01-01'|must be of type date and should not be enclosed in quotes",
            "SELECT Id FROM Opportunity WHERE CloseDate > 2024-01-01T00:00:00Z|must be of type date",
            "SELECT Id FROM Opportunity WHERE SystemModstamp > 2024-01-01|must be of type dateTime",
            "SELECT Id FROM Opportunity WHERE IsWon = 'true'|must be of type boolean and should not be enclosed in quotes",
            "SELECT Id FROM Opportunity WHERE Id = 'abc'|invalid ID field: abc",
            "SELECT Id FROM Opportunity WHERE IsWon > false|invalid operator on boolean field",
            "SELECT Id FROM Opportunity WHERE Amount LIKE '5%'|invalid operator on double field",
            "SELECT Id FROM Opportunity WHERE Id LIKE '006%'|invalid operator on id field"
    })
    void filterValuesMustFitTheFieldType(String soql, String message) {
        SoqlException e = error(soql, org);
        assertThat(e.errorCode()).isEqualTo("INVALID_QUERY_FILTER_OPERATOR");
        assertThat(e.getMessage()).contains(message);
    }

    /** Valid SOQL the sandbox does not answer, and invalid SOQL: refused, never answered wrongly, naming the token. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT COUNT(Id) FROM Opportunity|'COUNT'",
            "SELECT StageName, SUM(Amount) FROM Opportunity|'SUM'",
            "SELECT Id FROM Opportunity GROUP BY StageName|'GROUP'",
            "SELECT FIELDS(ALL) FROM Opportunity LIMIT 200|'FIELDS'",
            "SELECT Id FROM Opportunity WHERE Id IN (SELECT OpportunityId FROM OpportunityContactRole)|'SELECT'",
            "SELECT Id FROM Opportunity WHERE Amount > :minimum|':'",
            "SELECT Id FROM Opportunity o|'o'",
            "SELECT Id FROM Opportunity WITH SECURITY_ENFORCED|'WITH'",
            "SELECT Id FROM Opportunity FOR UPDATE|'FOR'",
            "SELECT Id FROM Opportunity USING SCOPE mine|'USING'",
            "SELECT toLabel(StageName) FROM Opportunity|'toLabel'",
            "SELECT convertCurrency(Amount) FROM Opportunity|'convertCurrency'",
            "SELECT TYPEOF Owner WHEN User THEN Name END FROM Opportunity|'TYPEOF'",
            "SELECT Id FROM Opportunity WHERE CALENDAR_YEAR(CloseDate) = 2024|'('",
            "SELECT Id FROM Opportunity WHERE Amount > USD5000|'USD5000'",
            "SELECT Id FROM Opportunity WHERE StageName INCLUDES ('a')|'INCLUDES'",
            "SELECT Id FROM Opportunity WHERE CloseDate = THIS_FISCAL_QUARTER|'THIS_FISCAL_QUARTER'",
            "SELECT Id FROM Opportunity WHERE CreatedDate > 2024-01-01T00:00:00|'2024-01-01T00:00:00'",
            "SELECT Id FROM Opportunity WHERE Name = \"x\"|'\"'",
            "SELECT Id FROM Opportunity WHERE Amount > null|'null'",
            "SELECT Id FROM Opportunity LIMIT|'<EOF>'",
            "SELECT Id, FROM Opportunity|'FROM'",
            "SELECT Id FROM Opportunity OFFSET 5 LIMIT 1|'LIMIT'",
            "SELECT Id FROM Opportunity ORDER BY Name NULLS|'<EOF>'",
            "SELECT Id, Id FROM Opportunity|duplicate field selected: Id",
            "SELECT Id FROM Opportunity WHERE Name = 'a\\qb'|Invalid string literal 'a\\qb'",
            "SELECT Id FROM Opportunity WHERE Name = '100\\%'|Invalid string literal",
            "SELECT Id FROM Opportunity WHERE Name = 'unterminated|mismatched character '<EOF>'",
            "UPDATE Opportunity SET Name = 'x'|'UPDATE'",
            "SELECT Id FROM Opportunity WHERE Name = 'x' junk|'junk'"
    })
    void outsideTheSubsetIsMalformed(String soql, String token) {
        SoqlException e = error(soql, org);
        assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY");
        assertThat(e.getMessage()).contains(token);
    }

    @Test
    void queryAllSeesDeletedRowsAndQueryDoesNot() {
        org.delete(org.opportunityId(6), org.integrationUserId());
        CompiledQuery query = SoqlCompiler.compile("SELECT Id, IsDeleted FROM Opportunity WHERE StageName = 'Closed Lost'", org.schema(), TODAY);
        List<Row> live = org.read(view -> query.run(view, false));
        List<Row> all = org.read(view -> query.run(view, true));
        assertThat(live).isEmpty();
        assertThat(all).hasSize(1);
    }
}
