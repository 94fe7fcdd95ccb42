package io.stagegate.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SalesforceIdsTest {

    /** Published examples of the 15-to-18 conversion (a0D30000001n7Pi → EAI is worked through step by step). */
    @ParameterizedTest
    @CsvSource({
            "a0D30000001n7Pi, a0D30000001n7PiEAI",
            "a0RE000000IJmcN, a0RE000000IJmcNMAT",
            "a01M00000062mPg, a01M00000062mPgIAI",
            "001M000000qfPyS, 001M000000qfPySIAU",
            "a0FE000000D6r3F, a0FE000000D6r3FMAR",
            "0F9E000000092w2, 0F9E000000092w2KAA",
            "aaaaaaaaaaaaaaa, aaaaaaaaaaaaaaaAAA",
            "AbCdEfGhIjKlMnO, AbCdEfGhIjKlMnOVKV",
            "aBcDEfgHIJKLMNO, aBcDEfgHIJKLMNO025",
            "012000000000000, 012000000000000AAA"
    })
    void caseSafeSuffixMatchesTheDocumentedAlgorithm(String id15, String id18) {
        assertThat(SalesforceIds.caseSafe(id15)).isEqualTo(id18);
    }

    @Test
    void madeIdsAreEighteenCharactersWithPrefixAndTheirOwnChecksum() {
        String id = SalesforceIds.of(SalesforceIds.OPPORTUNITY, 123_456);
        assertThat(id).hasSize(18).startsWith("006").matches("[a-zA-Z0-9]{18}");
        assertThat(SalesforceIds.caseSafe(id.substring(0, 15))).isEqualTo(id);
    }

    @Test
    void madeIdsSortAsStringsInTheOrderOfTheirNumbers() {
        List<String> ids = new ArrayList<>();
        for (long number : new long[] {1, 9, 10, 35, 36, 61, 62, 3843, 3844, 1_000_000, 999_999_999}) {
            ids.add(SalesforceIds.of(SalesforceIds.OPPORTUNITY, number));
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void normalizeAccepts15CharacterIdsAndRestoresTheCaseOf18CharacterOnes() {
        String id = SalesforceIds.of(SalesforceIds.OPPORTUNITY, 4242);
        assertThat(SalesforceIds.normalize(id.substring(0, 15))).isEqualTo(id);
        assertThat(SalesforceIds.normalize(id.toLowerCase(java.util.Locale.ROOT))).isEqualTo(id);
        assertThat(SalesforceIds.normalize(id)).isEqualTo(id);
        assertThat(SalesforceIds.normalize("006abc")).isNull();
        assertThat(SalesforceIds.normalize("006Dn0000000002IA!")).isNull();
        assertThat(SalesforceIds.normalize(id.substring(0, 15) + "ZZZ")).isNull();
    }

    @Test
    void refusesWhatCannotBeAnId() {
        assertThatThrownBy(() -> SalesforceIds.caseSafe("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SalesforceIds.of("06", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SalesforceIds.of("006", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
