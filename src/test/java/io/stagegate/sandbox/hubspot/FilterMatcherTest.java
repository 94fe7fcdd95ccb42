package io.stagegate.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each search operator against each property type, with HubSpot's case rules (hubspot.md §2.3). */
class FilterMatcherTest {

    private static FilterMatcher filter(PropertyType type, SearchOperator operator, String value) {
        return new FilterMatcher(new SearchFilter("p", operator, value, null, null), type);
    }

    private static FilterMatcher in(PropertyType type, SearchOperator operator, String... values) {
        return new FilterMatcher(new SearchFilter("p", operator, null, null, List.of(values)), type);
    }

    @Nested
    class Numbers {
        @Test
        void compareAsNumbersNotText() {
            assertThat(filter(PropertyType.NUMBER, SearchOperator.EQ, "1000").test("1000.00")).isTrue();
            assertThat(filter(PropertyType.NUMBER, SearchOperator.GT, "999").test("1000")).isTrue();
            assertThat(filter(PropertyType.NUMBER, SearchOperator.GT, "999").test("99")).isFalse();
            assertThat(filter(PropertyType.NUMBER, SearchOperator.GTE, "1000").test("1000")).isTrue();
            assertThat(filter(PropertyType.NUMBER, SearchOperator.LT, "1000").test("999.5")).isTrue();
            assertThat(filter(PropertyType.NUMBER, SearchOperator.LTE, "1000").test("1000.01")).isFalse();
            assertThat(filter(PropertyType.NUMBER, SearchOperator.NEQ, "5").test("5.0")).isFalse();
        }

        @Test
        void betweenIsInclusive() {
            FilterMatcher between = new FilterMatcher(new SearchFilter("p", SearchOperator.BETWEEN, "10", "20", null), PropertyType.NUMBER);
            assertThat(between.test("10")).isTrue();
            assertThat(between.test("20")).isTrue();
            assertThat(between.test("20.5")).isFalse();
            assertThat(between.test(null)).isFalse();
        }

        @Test
        void inComparesNumerically() {
            assertThat(in(PropertyType.NUMBER, SearchOperator.IN, "1", "2").test("2.0")).isTrue();
            assertThat(in(PropertyType.NUMBER, SearchOperator.NOT_IN, "1", "2").test("3")).isTrue();
        }

        @Test
        void aValueThatIsNoNumberIsRefused() {
            assertThatThrownBy(() -> filter(PropertyType.NUMBER, SearchOperator.GT, "lots")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'lots' is not a valid number value for p");
        }
    }

    @Nested
    class Datetimes {
        @Test
        void filterValuesAreEpochMillis() {
            FilterMatcher gte = filter(PropertyType.DATETIME, SearchOperator.GTE, "1700000000000");
            assertThat(gte.test("2023-11-14T22:13:20Z")).isTrue();
            assertThat(gte.test("2023-11-14T22:13:19.999Z")).isFalse();
            assertThat(filter(PropertyType.DATETIME, SearchOperator.LT, "1700000000000").test("2023-11-14T22:13:19.999Z")).isTrue();
        }

        @Test
        void betweenTwoInstants() {
            FilterMatcher between = new FilterMatcher(new SearchFilter("p", SearchOperator.BETWEEN, "1700000000000", "1700000001000", null),
                    PropertyType.DATETIME);
            assertThat(between.test("2023-11-14T22:13:20.500Z")).isTrue();
            assertThat(between.test("2023-11-14T22:13:21.001Z")).isFalse();
        }

        @Test
        void storedFormsAreReadExactly() {
            for (String text : List.of("2026-03-01T12:00:00Z", "2026-03-01T12:00:00.1Z", "2026-03-01T12:00:00.12Z", "2026-03-01T12:00:00.123Z",
                    "2024-02-29T23:59:59.999999Z", "1969-12-31T23:59:59.5Z")) {
                assertThat(FilterMatcher.canonicalMillis(text)).as(text).isEqualTo(java.time.Instant.parse(text).toEpochMilli());
            }
            assertThat(FilterMatcher.canonicalMillis("2026-03-01")).isEqualTo(java.time.Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());
            assertThat(FilterMatcher.canonicalMillis("2026-02-30")).isEqualTo(Long.MIN_VALUE);
            assertThat(FilterMatcher.canonicalMillis("2026-03-01T12:00:00+01:00")).isEqualTo(Long.MIN_VALUE);
            assertThat(FilterMatcher.canonicalMillis("1700000000000")).isEqualTo(Long.MIN_VALUE);
            assertThat(filter(PropertyType.DATETIME, SearchOperator.EQ, "2026-03-01T13:00:00+01:00").test("2026-03-01T12:00:00Z")).isTrue();
        }

        @Test
        void datesCompareAtMidnightUtc() {
            assertThat(filter(PropertyType.DATE, SearchOperator.EQ, "1772323200000").test("2026-03-01")).isTrue();
            assertThat(filter(PropertyType.DATE, SearchOperator.GT, "1772323200000").test("2026-03-02")).isTrue();
            assertThat(filter(PropertyType.DATE, SearchOperator.GT, "2026-03-01").test("2026-03-01")).isFalse();
        }
    }

    @Nested
    class Text {
        @Test
        void stringsMatchIgnoringCase() {
            assertThat(filter(PropertyType.STRING, SearchOperator.EQ, "ACME RENEWAL").test("Acme renewal")).isTrue();
            assertThat(filter(PropertyType.STRING, SearchOperator.NEQ, "acme renewal").test("Acme Renewal")).isFalse();
            assertThat(filter(PropertyType.STRING, SearchOperator.LT, "b").test("Acme")).isTrue();
        }

        @Test
        void enumerationsAreCaseSensitive() {
            assertThat(filter(PropertyType.ENUMERATION, SearchOperator.EQ, "closedwon").test("closedwon")).isTrue();
            assertThat(filter(PropertyType.ENUMERATION, SearchOperator.EQ, "ClosedWon").test("closedwon")).isFalse();
            assertThat(in(PropertyType.ENUMERATION, SearchOperator.IN, "contractsent", "closedwon").test("closedwon")).isTrue();
            assertThat(in(PropertyType.ENUMERATION, SearchOperator.IN, "CLOSEDWON").test("closedwon")).isFalse();
        }

        @Test
        void multiSelectEnumerationsMatchAnyPart() {
            assertThat(filter(PropertyType.ENUMERATION, SearchOperator.EQ, "b").test("a;b")).isTrue();
            assertThat(in(PropertyType.ENUMERATION, SearchOperator.NOT_IN, "c").test("a;b")).isTrue();
        }

        @Test
        void inOnStringsNeedsLowercaseValues() {
            assertThat(in(PropertyType.STRING, SearchOperator.IN, "acme").test("ACME")).isTrue();
            assertThat(in(PropertyType.STRING, SearchOperator.IN, "Acme").test("Acme")).isFalse();
            assertThat(in(PropertyType.STRING, SearchOperator.NOT_IN, "Acme").test("Acme")).isTrue();
        }

        @Test
        void booleansAreTrueOrFalse() {
            assertThat(filter(PropertyType.BOOL, SearchOperator.EQ, "true").test("true")).isTrue();
            assertThat(filter(PropertyType.BOOL, SearchOperator.EQ, "TRUE").test("true")).isTrue();
            assertThat(filter(PropertyType.BOOL, SearchOperator.EQ, "true").test("false")).isFalse();
        }

        @Test
        void containsTokenMatchesWholeWords() {
            assertThat(filter(PropertyType.STRING, SearchOperator.CONTAINS_TOKEN, "renewal").test("Acme Renewal 2026")).isTrue();
            assertThat(filter(PropertyType.STRING, SearchOperator.CONTAINS_TOKEN, "renew").test("Acme Renewal 2026")).isFalse();
            assertThat(filter(PropertyType.STRING, SearchOperator.CONTAINS_TOKEN, "acme 2026").test("Acme Renewal 2026")).isTrue();
            assertThat(filter(PropertyType.STRING, SearchOperator.NOT_CONTAINS_TOKEN, "renewal").test("Acme Renewal")).isFalse();
            assertThat(filter(PropertyType.STRING, SearchOperator.NOT_CONTAINS_TOKEN, "renewal").test("Globex")).isTrue();
        }

        @Test
        void containsTokenTakesWildcards() {
            assertThat(filter(PropertyType.STRING, SearchOperator.CONTAINS_TOKEN, "renew*").test("Acme Renewal")).isTrue();
            assertThat(filter(PropertyType.STRING, SearchOperator.CONTAINS_TOKEN, "*@hubspot.com").test("ana@hubspot.com")).isTrue();
            assertThat(filter(PropertyType.STRING, SearchOperator.CONTAINS_TOKEN, "*@hubspot.com").test("ana@example.com")).isFalse();
        }

        @Test
        void unknownPropertiesCompareAsStrings() {
            assertThat(new FilterMatcher(new SearchFilter("p", SearchOperator.EQ, "X", null, null), null).test("x")).isTrue();
        }
    }

    @Nested
    class Presence {
        @Test
        void hasPropertyAndNotHasProperty() {
            assertThat(filter(PropertyType.NUMBER, SearchOperator.HAS_PROPERTY, null).test("1")).isTrue();
            assertThat(filter(PropertyType.NUMBER, SearchOperator.HAS_PROPERTY, null).test(null)).isFalse();
            assertThat(filter(PropertyType.NUMBER, SearchOperator.HAS_PROPERTY, null).test("")).isFalse();
            assertThat(filter(PropertyType.NUMBER, SearchOperator.NOT_HAS_PROPERTY, null).test(null)).isTrue();
        }

        @Test
        void negativeOperatorsMatchDealsWithoutAValue() {
            assertThat(filter(PropertyType.STRING, SearchOperator.NEQ, "x").test(null)).isTrue();
            assertThat(in(PropertyType.STRING, SearchOperator.NOT_IN, "x").test(null)).isTrue();
            assertThat(filter(PropertyType.NUMBER, SearchOperator.EQ, "1").test(null)).isFalse();
            assertThat(filter(PropertyType.NUMBER, SearchOperator.LT, "1").test(null)).isFalse();
        }

        @Test
        void operatorsThatNeedAValueSayso() {
            assertThatThrownBy(() -> filter(PropertyType.STRING, SearchOperator.EQ, null)).hasMessageContaining("needs a value");
            assertThatThrownBy(() -> in(PropertyType.STRING, SearchOperator.IN)).hasMessageContaining("needs values");
            assertThatThrownBy(() -> new FilterMatcher(new SearchFilter("p", SearchOperator.BETWEEN, "1", null, null), PropertyType.NUMBER))
                    .hasMessageContaining("highValue");
        }
    }
}
