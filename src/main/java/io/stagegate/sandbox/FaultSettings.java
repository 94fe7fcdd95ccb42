package io.stagegate.sandbox;

import java.util.EnumMap;
import java.util.Map;

/**
 * Latency and faults for one simulated CRM, changeable at run time through {@code /sandbox/admin/faults}.
 *
 * @param latencyMs fixed latency added to every call
 * @param jitterMs up to this much more, uniformly random
 * @param rates probability (0–1) of each random fault per call; {@link FaultKind#QUOTA_EXCEEDED} is not random
 * @param timeoutMs how long a {@link FaultKind#TIMEOUT} call hangs before its 504
 * @param dailyQuota API calls allowed until the counters are reset (Salesforce's rolling 24 h quota, HubSpot's daily limit)
 * @param burstLimit calls allowed per {@code burstWindowMs} (HubSpot's 10-second limit); 0 = unlimited
 */
public record FaultSettings(long latencyMs, long jitterMs, Map<FaultKind, Double> rates, long timeoutMs, long dailyQuota,
        int burstLimit, long burstWindowMs) {

    public FaultSettings {
        if (latencyMs < 0 || jitterMs < 0 || timeoutMs < 0 || dailyQuota < 0 || burstLimit < 0 || burstWindowMs < 0) {
            throw new IllegalArgumentException("latency, jitter, timeout, quota and burst settings must not be negative");
        }
        Map<FaultKind, Double> copy = new EnumMap<>(FaultKind.class);
        if (rates != null) {
            rates.forEach((kind, rate) -> {
                if (rate == null || rate < 0 || rate > 1) {
                    throw new IllegalArgumentException("rate of " + kind + " must be between 0 and 1, was " + rate);
                }
                if (kind == FaultKind.QUOTA_EXCEEDED) {
                    throw new IllegalArgumentException("QUOTA_EXCEEDED is not random: set dailyQuota instead");
                }
                copy.put(kind, rate);
            });
        }
        double total = copy.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total > 1) {
            throw new IllegalArgumentException("fault rates add up to " + total + ", more than 1");
        }
        rates = Map.copyOf(copy);
    }

    public double rate(FaultKind kind) {
        return rates.getOrDefault(kind, 0.0);
    }
}
