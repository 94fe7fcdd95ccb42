package io.stagegate.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart's geometry: one scale per chart, bars in series order without overlap, groups in the order given. */
class BarChartTest {
    private static final List<BarChart.Series> THREE = List.of(BarChart.RECORDED, BarChart.QUALIFIED, BarChart.WON);

    @Test
    void theLargestAmountFillsTheAreaAndTheOthersAreToScale() {
        Map<String, List<BigDecimal>> amounts = new LinkedHashMap<>();
        amounts.put("2026-Q2", List.of(new BigDecimal("200"), new BigDecimal("100"), BigDecimal.ZERO));
        amounts.put("2026-Q1", List.of(new BigDecimal("400"), new BigDecimal("1"), new BigDecimal("-5")));
        BarChart chart = BarChart.draw("c", "EUR", THREE, amounts);

        assertThat(chart.groups()).extracting(BarChart.Group::label).containsExactly("2026-Q2", "2026-Q1");
        List<BarChart.Bar> q2 = chart.groups().get(0).bars();
        List<BarChart.Bar> q1 = chart.groups().get(1).bars();
        assertThat(q2).extracting(BarChart.Bar::series).containsExactly("recorded", "qualified", "won");
        assertThat(q2).extracting(BarChart.Bar::width).containsExactly(BarChart.AREA / 2, BarChart.AREA / 4, 0);
        assertThat(q1).extracting(BarChart.Bar::width).as("a tiny amount stays visible, a negative one draws nothing")
                .containsExactly(BarChart.AREA, 1, 0);
        assertThat(q1.get(0).amount()).isEqualTo("400");
        assertThat(q1.get(2).amount()).isEqualTo("-5");
    }

    @Test
    void barsAndGroupsNeverOverlapAndTheChartHoldsThemAll() {
        Map<String, List<BigDecimal>> amounts = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            amounts.put("q" + i, List.of(BigDecimal.TEN, BigDecimal.ONE, new BigDecimal("2")));
        }
        BarChart chart = BarChart.draw("c", "USD", THREE, amounts);
        int previousBottom = 0;
        for (BarChart.Group group : chart.groups()) {
            for (BarChart.Bar bar : group.bars()) {
                assertThat(bar.y()).isGreaterThanOrEqualTo(previousBottom);
                previousBottom = bar.y() + BarChart.BAR;
                assertThat(bar.textX()).isEqualTo(BarChart.LABEL + bar.width() + 6);
            }
            assertThat(group.labelY()).isBetween(group.bars().get(0).y(), group.bars().get(2).y() + BarChart.BAR);
        }
        assertThat(chart.height()).isGreaterThan(previousBottom);
    }

    @Test
    void aGroupWithoutOneAmountPerSeriesIsRefusedByName() {
        assertThatThrownBy(() -> BarChart.draw("c", "EUR", THREE, Map.of("2026-Q1", List.of(BigDecimal.ONE))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-Q1").hasMessageContaining("1 amounts for 3 series");
    }
}
