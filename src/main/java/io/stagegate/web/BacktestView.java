package io.stagegate.web;

import io.stagegate.sync.BacktestQuarterView;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished backtest as the page shows it: per pipeline and currency (never adding currencies) a chart with one group
 * of bars per quarter (recorded, qualified, closed won), the quarters' totals as table rows, and the deals that explain
 * each quarter's miss. Quarters come oldest first, as stored.
 */
public final class BacktestView {
    private BacktestView() {
    }

    public record Section(String pipeline, String currency, BarChart chart, List<Row> rows, List<Explained> explained) {
    }

    /** One quarter's total of a pipeline and currency. */
    public record Row(String quarter, String recorded, String qualified, String won, int forecastDeals, int wonDeals, String recordedAccuracy,
            String recordedError, String qualifiedAccuracy, String qualifiedError, String onUnknown, int dealsOnUnknown, String shareOnUnknown) {
        static Row of(String quarter, BacktestQuarterView.Figures f) {
            return new Row(quarter, Money.of(f.recordedForecast()), Money.of(f.qualifiedForecast()), Money.of(f.closedWon()), f.forecastDeals(),
                    f.wonDeals(), Ratio.percent(f.recordedAccuracy().accuracy()), Ratio.error(f.recordedAccuracy()),
                    Ratio.percent(f.qualifiedAccuracy().accuracy()), Ratio.error(f.qualifiedAccuracy()), Money.of(f.qualifiedOnUnknown()),
                    f.dealsOnUnknown(), Ratio.percent(f.shareOnUnknown()));
        }
    }

    /** The deals that explain one quarter's miss. */
    public record Explained(String quarter, List<Deal> deals) {
    }

    public record Deal(String id, String owner, String recordedStage, String qualifiedStage, String amountThen, String closeDateThen, String recorded,
            String qualified, String won, String unknownRead) {
        static Deal of(BacktestQuarterView.Deal d) {
            return new Deal(d.id(), d.owner(), d.recordedStage(), d.qualifiedStage(), Money.of(d.amountThen()),
                    d.closeDateThen() == null ? "—" : d.closeDateThen().toString(), Money.of(d.recordedForecast()), Money.of(d.qualifiedForecast()),
                    d.won() ? Money.of(d.closedWon()) : "not won", d.unknownRead() == null ? "" : String.join(", ", d.unknownRead()));
        }
    }

    static List<Section> sections(List<BacktestQuarterView> quarters) {
        Map<String, Builder> builders = new LinkedHashMap<>();
        for (BacktestQuarterView quarter : quarters) {
            if (quarter.pipelines() == null) {
                continue;
            }
            for (BacktestQuarterView.Pipeline p : quarter.pipelines()) {
                Builder b = builders.computeIfAbsent(p.pipeline() + "\u0000" + p.currency(), k -> new Builder(p.pipeline(), p.currency()));
                BacktestQuarterView.Figures total = p.total();
                b.amounts.put(quarter.quarter(), List.of(total.recordedForecast(), total.qualifiedForecast(), total.closedWon()));
                b.rows.add(Row.of(quarter.quarter(), total));
                if (p.explaining() != null && !p.explaining().isEmpty()) {
                    b.explained.add(new Explained(quarter.quarter(), p.explaining().stream().map(Deal::of).toList()));
                }
            }
        }
        List<Section> sections = new ArrayList<>();
        int n = 0;
        for (Builder b : builders.values()) {
            BarChart chart = BarChart.draw("backtest-" + ++n, b.currency, List.of(BarChart.RECORDED, BarChart.QUALIFIED, BarChart.WON), b.amounts);
            sections.add(new Section(b.pipeline, b.currency, chart, b.rows, b.explained));
        }
        return sections;
    }

    private static final class Builder {
        final String pipeline;
        final String currency;
        final Map<String, List<BigDecimal>> amounts = new LinkedHashMap<>();
        final List<Row> rows = new ArrayList<>();
        final List<Explained> explained = new ArrayList<>();

        Builder(String pipeline, String currency) {
            this.pipeline = pipeline;
            this.currency = currency;
        }
    }
}
