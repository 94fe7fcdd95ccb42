package io.stagegate.backtest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One opportunity's part in one quarter of a backtest: what it added to the recorded and the qualified forecast of the
 * quarter's first day (as it stood then), and what it closed won in the quarter (as it stands today).
 *
 * @param forecast whether it was open on the first day with a close date in the quarter (then its forecasts count)
 * @param recordedStage the stage recorded on the first day ({@code null} when it did not count in the forecast)
 * @param qualifiedStage the stage its criteria supported on the first day ({@code null} likewise)
 * @param won whether it is won today with a close date in the quarter
 * @param unknownRead the fields and relations without history its verdicts read that day, sorted
 * @param restsOnUnknown whether its figures rest on something the history could not tell
 */
public record DealOutcome(String id, String owner, String pipeline, String currency, boolean forecast, String recordedStage, String qualifiedStage,
                          BigDecimal amountThen, LocalDate closeDateThen, BigDecimal recordedForecast, BigDecimal qualifiedForecast, boolean won,
                          BigDecimal closedWon, List<String> unknownRead, boolean restsOnUnknown) {
    public DealOutcome {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(currency, "currency of " + id);
        recordedForecast = recordedForecast == null ? BigDecimal.ZERO : recordedForecast;
        qualifiedForecast = qualifiedForecast == null ? BigDecimal.ZERO : qualifiedForecast;
        closedWon = closedWon == null ? BigDecimal.ZERO : closedWon;
        unknownRead = List.copyOf(unknownRead);
    }

    /** The rep's forecast of this deal minus what it closed: positive when the rep expected more. */
    public BigDecimal recordedGap() {
        return recordedForecast.subtract(closedWon);
    }

    /** The qualified forecast of this deal minus what it closed. */
    public BigDecimal qualifiedGap() {
        return qualifiedForecast.subtract(closedWon);
    }

    /** How much of a forecast's miss this deal can explain: the larger of its two gaps. */
    public BigDecimal weight() {
        return recordedGap().abs().max(qualifiedGap().abs());
    }
}
