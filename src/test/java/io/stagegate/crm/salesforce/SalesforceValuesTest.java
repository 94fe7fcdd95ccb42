package io.stagegate.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Salesforce's datetimes read by the quick path agree with the general formatter, and anything else still goes to it. */
class SalesforceValuesTest {
    private static final DateTimeFormatter SALESFORCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx", Locale.ROOT);

    @Test
    void salesforceShapedDatetimesReadAsTheFormatterReadsThem() {
        Random random = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(36 * 4 + 1) - 18 * 4) * 15 * 60);
            OffsetDateTime time = Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L).atOffset(offset);
            String text = SALESFORCE.format(time);

            assertThat(SalesforceValues.instant(text)).as(text).isEqualTo(OffsetDateTime.parse(text, SalesforceValues.DATETIME).toInstant())
                    .isEqualTo(time.toInstant());
        }
    }

    @Test
    void otherShapesStillParse() {
        assertThat(SalesforceValues.instant("2024-05-07T22:07:19Z")).isEqualTo(Instant.parse("2024-05-07T22:07:19Z"));
        assertThat(SalesforceValues.instant("2024-05-07T22:07:19.5+02:00")).isEqualTo(Instant.parse("2024-05-07T20:07:19.500Z"));
        assertThat(SalesforceValues.instant("2024-05-07T22:07:19.000-0130")).isEqualTo(Instant.parse("2024-05-07T23:37:19Z"));
    }

    @Test
    void aSalesforceShapedTextOutOfRangeIsLeftToTheFormatter() {
        // the formatter resolves smartly (30 February is the 29th) and refuses what it cannot resolve
        assertThat(SalesforceValues.instant("2024-02-30T22:07:19.000+0000")).isEqualTo(Instant.parse("2024-02-29T22:07:19Z"));
        for (String text : new String[] {"2024-05-07T25:07:19.000+0000", "2024-13-07T22:07:19.000+0000", "2024-05-07T22:07:1x.000+0000"}) {
            assertThatThrownBy(() -> SalesforceValues.instant(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
        assertThat(SalesforceValues.typed(new TextNode("2024-05-07T25:07:19.000+0000"), "datetime"))
                .as("a bad value stays text for the engine to report").isEqualTo("2024-05-07T25:07:19.000+0000");
    }
}
