package io.stagegate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {
    record Line(String owner, BigDecimal gap) {
    }

    @Test
    void formulasAreDefusedNumbersStayNumbersAndQuotesAreDoubled() {
        CsvTable<Line> table = new CsvTable<>(List.of(new CsvTable.Column<>("owner", Line::owner), new CsvTable.Column<>("gap", Line::gap)));
        String csv = table.write(List.of(
                new Line("=HYPERLINK(\"http://x\",\"click\")", new BigDecimal("-1200.50")),
                new Line("+1", new BigDecimal("1E+3")),
                new Line("-2", null),
                new Line("@SUM(A1)", BigDecimal.ZERO),
                new Line("\tTab", BigDecimal.ONE),
                new Line("Doe, Jane \"JD\"", BigDecimal.TEN),
                new Line("two\nlines", BigDecimal.TEN)));
        assertThat(csv).isEqualTo("owner,gap\r\n"
                + "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",-1200.50\r\n"
                + "'+1,1000\r\n"
                + "'-2,\r\n"
                + "'@SUM(A1),0\r\n"
                + "'\tTab,1\r\n"
                + "\"Doe, Jane \"\"JD\"\"\",10\r\n"
                + "\"two\nlines\",10\r\n");
    }
}
