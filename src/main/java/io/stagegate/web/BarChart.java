package io.stagegate.web;

import io.stagegate.reports.ForecastRollups;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The forecast chart, drawn on the server as SVG (no script, no chart library, prints as it shows): per currency, one
 * pair of bars per owner, recorded above qualified, on one scale per currency. Coordinates are computed here because a
 * template should not do arithmetic. Currencies are never added together.
 */
public record BarChart(String currency, int height, List<Bar> bars) {
    static final int WIDTH = 720;
    static final int LABEL = 170;
    static final int AREA = 440;
    static final int ROW = 40;
    static final int BAR = 14;

    /** One owner's pair of bars; {@code *Width} in SVG units, {@code y} the top of the recorded bar. */
    public record Bar(String owner, String recorded, String qualified, String gap, int recordedWidth, int qualifiedWidth, int y,
            int labelY, int qualifiedY, int recordedTextX, int qualifiedTextX, int recordedTextY, int qualifiedTextY) {
    }

    static List<BarChart> of(List<ForecastRollups.Rollup> rollups) {
        Map<String, Map<String, BigDecimal[]>> sums = new TreeMap<>();
        for (ForecastRollups.Rollup r : rollups) {
            if (r.open() == 0) {
                continue;
            }
            BigDecimal[] pair = sums.computeIfAbsent(r.currency(), c -> new TreeMap<>())
                    .computeIfAbsent(r.owner().isEmpty() ? "(no owner)" : r.owner(), o -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            pair[0] = pair[0].add(r.recorded());
            pair[1] = pair[1].add(r.qualified());
        }
        List<BarChart> charts = new ArrayList<>();
        sums.forEach((currency, owners) -> charts.add(chart(currency, owners)));
        return charts;
    }

    private static BarChart chart(String currency, Map<String, BigDecimal[]> owners) {
        BigDecimal max = BigDecimal.ONE;
        for (BigDecimal[] pair : owners.values()) {
            max = max.max(pair[0]).max(pair[1]);
        }
        List<Bar> bars = new ArrayList<>();
        int y = 8;
        for (Map.Entry<String, BigDecimal[]> owner : owners.entrySet()) {
            BigDecimal recorded = owner.getValue()[0];
            BigDecimal qualified = owner.getValue()[1];
            int rw = width(recorded, max);
            int qw = width(qualified, max);
            bars.add(new Bar(owner.getKey(), Money.of(recorded), Money.of(qualified), Money.of(recorded.subtract(qualified)), rw, qw, y,
                    y + BAR + 2, y + BAR + 2, LABEL + rw + 6, LABEL + qw + 6, y + BAR - 2, y + 2 * BAR));
            y += ROW;
        }
        return new BarChart(currency, y + 4, bars);
    }

    private static int width(BigDecimal amount, BigDecimal max) {
        if (amount.signum() <= 0) {
            return 0;
        }
        return Math.max(1, amount.multiply(BigDecimal.valueOf(AREA)).divide(max, 0, RoundingMode.HALF_UP).intValue());
    }

    public int width() {
        return WIDTH;
    }

    public int labelWidth() {
        return LABEL;
    }
}
