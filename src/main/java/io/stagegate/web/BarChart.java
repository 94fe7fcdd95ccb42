package io.stagegate.web;

import io.stagegate.reports.ForecastRollups;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A horizontal bar chart drawn on the server as SVG (no script, no chart library, prints as it shows): one group of bars
 * per label (an owner, a quarter), one bar per series (recorded, qualified, closed won), on one scale per chart. A chart
 * never mixes currencies. Coordinates are computed here because a template should not do arithmetic.
 *
 * @param id unique on the page: the SVG's title is named by it
 */
public record BarChart(String id, String currency, int height, List<Group> groups) {
    static final int WIDTH = 720;
    static final int LABEL = 170;
    static final int AREA = 440;
    static final int BAR = 14;
    static final int GAP = 2;
    static final int SPACE = 8;

    /** A series of bars: {@code key} is the CSS class that colours it, {@code label} what its bars' titles say. */
    public record Series(String key, String label) {
    }

    public static final Series RECORDED = new Series("recorded", "recorded");
    public static final Series QUALIFIED = new Series("qualified", "qualified");
    public static final Series WON = new Series("won", "closed won");

    /** One label's bars, top to bottom in the order of the series; {@code labelY} the baseline of the label. */
    public record Group(String label, int labelY, List<Bar> bars) {
    }

    /** One bar; {@code width} in SVG units, {@code y} its top, {@code textX}/{@code textY} where its amount is written. */
    public record Bar(String series, String seriesLabel, String amount, int width, int y, int textX, int textY) {
    }

    /** The forecast page's charts: per currency, recorded above qualified per owner of the open opportunities. */
    static List<BarChart> of(List<ForecastRollups.Rollup> rollups) {
        Map<String, Map<String, List<BigDecimal>>> sums = new TreeMap<>();
        for (ForecastRollups.Rollup r : rollups) {
            if (r.open() == 0) {
                continue;
            }
            List<BigDecimal> pair = sums.computeIfAbsent(r.currency(), c -> new TreeMap<>())
                    .computeIfAbsent(r.owner().isEmpty() ? "(no owner)" : r.owner(), o -> new ArrayList<>(List.of(BigDecimal.ZERO, BigDecimal.ZERO)));
            pair.set(0, pair.get(0).add(r.recorded()));
            pair.set(1, pair.get(1).add(r.qualified()));
        }
        List<BarChart> charts = new ArrayList<>();
        sums.forEach((currency, owners) -> charts.add(draw(currency, currency, List.of(RECORDED, QUALIFIED), owners)));
        return charts;
    }

    /**
     * Draws one chart: per group label (in the map's order) one bar per series, from the amounts in the series' order.
     *
     * @throws IllegalArgumentException when a group has not one amount per series
     */
    static BarChart draw(String id, String currency, List<Series> series, Map<String, List<BigDecimal>> amounts) {
        BigDecimal max = BigDecimal.ONE;
        for (Map.Entry<String, List<BigDecimal>> group : amounts.entrySet()) {
            if (group.getValue().size() != series.size()) {
                throw new IllegalArgumentException("chart " + id + ", group " + group.getKey() + ": " + group.getValue().size() + " amounts for "
                        + series.size() + " series");
            }
            for (BigDecimal amount : group.getValue()) {
                max = max.max(amount);
            }
        }
        List<Group> groups = new ArrayList<>();
        int y = SPACE;
        for (Map.Entry<String, List<BigDecimal>> group : new LinkedHashMap<>(amounts).entrySet()) {
            List<Bar> bars = new ArrayList<>();
            for (int i = 0; i < series.size(); i++) {
                BigDecimal amount = group.getValue().get(i);
                int top = y + i * (BAR + GAP);
                int width = width(amount, max);
                bars.add(new Bar(series.get(i).key(), series.get(i).label(), Money.of(amount), width, top, LABEL + width + 6, top + BAR - 2));
            }
            int height = series.size() * (BAR + GAP);
            groups.add(new Group(group.getKey(), y + height / 2 + 4, bars));
            y += height + SPACE;
        }
        return new BarChart(id, currency, y + 4, groups);
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

    public int barHeight() {
        return BAR;
    }
}
