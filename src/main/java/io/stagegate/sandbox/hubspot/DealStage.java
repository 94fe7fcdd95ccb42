package io.stagegate.sandbox.hubspot;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** A stage of a simulated deal pipeline: its id (the {@code dealstage} value), label, order and metadata. */
record DealStage(String id, String label, int displayOrder, BigDecimal probability, boolean closed, boolean won) {
    /** Printed once per probability: every seeded and updated deal needs one. */
    private static final Map<BigDecimal, String> DEAL_PROBABILITIES = new ConcurrentHashMap<>();

    DealStage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(probability, "probability");
    }

    /** The stage metadata probability as HubSpot writes it: {@code "0.2"}, {@code "1.0"}, {@code "0.0"}. */
    String metadataProbability() {
        BigDecimal plain = probability.stripTrailingZeros();
        return (plain.scale() < 1 ? plain.setScale(1) : plain).toPlainString();
    }

    /**
     * The {@code hs_deal_stage_probability} value: HubSpot stores the probability as a double and prints its exact binary
     * value, so 0.2 reads {@code "0.200000000000000011102230246251565404236316680908203125"} and 1 reads {@code "1"}.
     */
    String dealProbability() {
        return DEAL_PROBABILITIES.computeIfAbsent(probability, fraction -> new BigDecimal(fraction.doubleValue()).toPlainString());
    }
}
