package io.stagegate.sandbox.hubspot;

import io.stagegate.criteria.StageChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One write to one deal: new values, their history and the changes to report. Not thread-safe. */
final class DealWrite {
    final StoredDeal deal;
    final String[] values;
    private final Map<String, List<HistoryEntry>> history;
    private final Instant now;
    private final boolean tracked;
    final List<DealChange.PropertyChange> changes = new ArrayList<>();
    Instant lastModified;
    private final PropertySchema schema;
    private final PipelineCatalog pipelines;
    private final DealReader reader;

    DealWrite(StoredDeal deal, Instant now, boolean tracked, PropertySchema schema, PipelineCatalog pipelines, DealReader reader) {
        this.schema = schema;
        this.pipelines = pipelines;
        this.reader = reader;
        this.deal = deal;
        this.values = deal.valuesForWrite(schema.size());
        this.history = new HashMap<>(deal.history);
        this.now = now;
        this.tracked = tracked;
        this.lastModified = now;
    }

    /** Sets a value ({@code null} clears); a tracked write records history and the change when it differs. */
    void set(String name, String value, ChangeSource source) {
        int slot = schema.slot(name);
        if (slot < 0) {
            throw new IllegalStateException("no property " + name);
        }
        String old = values[slot];
        if (Objects.equals(old, value)) {
            return;
        }
        if (tracked) {
            List<HistoryEntry> entries = new ArrayList<>();
            entries.add(new HistoryEntry(value == null ? "" : value, now, source));
            entries.addAll(reader.history(deal, name));
            history.put(name, List.copyOf(entries));
            changes.add(new DealChange.PropertyChange(name, value == null ? "" : value, source));
        }
        values[slot] = value;
    }

    /** The seeded stage history: dealstage's explicit history and the stage dates, then the calculated values. */
    void stageHistory(List<StageChange> stages, ChangeSource origin) {
        List<HistoryEntry> entries = new ArrayList<>();
        String previous = null;
        for (StageChange change : stages) {
            Instant instant = change.at().truncatedTo(ChronoUnit.MILLIS);
            String at = HubSpotTime.text(instant);
            entries.add(0, new HistoryEntry(change.stage(), instant, origin));
            setIfDefined(PropertySchema.enteredProperty(change.stage()), at);
            if (previous != null) {
                setIfDefined(PropertySchema.exitedProperty(previous), at);
            }
            previous = change.stage();
        }
        set("dealstage", previous, origin);
        set("hs_v2_date_entered_current_stage", HubSpotTime.text(entries.get(0).timestamp()), ChangeSource.calculated());
        history.put("dealstage", List.copyOf(entries));
        deriveFromStage(previous);
    }

    /** A seeded property's explicit history, newest first (its last entry must be the value set). */
    void seedHistory(String name, List<HistoryEntry> newestFirst) {
        history.put(name, List.copyOf(newestFirst));
    }

    /** {@code num_associated_contacts}, which HubSpot computes from the deal's contact associations. */
    void countAssociations(Map<String, List<String>> associations) {
        set(PropertySchema.NUM_ASSOCIATED_CONTACTS, Integer.toString(associations.getOrDefault("contacts", List.of()).size()), ChangeSource.calculated());
    }

    private void setIfDefined(String name, String value) {
        if (schema.slot(name) >= 0) {
            set(name, value, ChangeSource.calculated());
        }
    }

    /** Recomputes what HubSpot calculates from the stage; stage dates move when the stage changed. */
    void deriveFromStage(String oldStage) {
        ChangeSource calculated = ChangeSource.calculated();
        String pipelineId = values[schema.slot("pipeline")];
        DealPipeline pipeline = pipelines.pipeline(pipelineId).orElse(pipelines.defaultPipeline());
        String stageId = values[schema.slot("dealstage")];
        DealStage stage = stageId == null ? null : pipeline.stage(stageId).orElse(null);
        set("hs_deal_stage_probability", stage == null ? null : stage.dealProbability(), calculated);
        set("hs_is_closed", stage == null ? null : Boolean.toString(stage.closed()), calculated);
        set("hs_is_closed_won", stage == null ? null : Boolean.toString(stage.won()), calculated);
        set("hs_is_closed_lost", stage == null ? null : Boolean.toString(stage.closed() && !stage.won()), calculated);
        String amount = values[schema.slot("amount")];
        set("hs_projected_amount", amount == null || stage == null ? null : weighted(amount, stage), calculated);
        if (tracked && stageId != null && !stageId.equals(oldStage)) {
            setIfDefined(PropertySchema.enteredProperty(stageId), HubSpotTime.text(now));
            if (oldStage != null) {
                setIfDefined(PropertySchema.exitedProperty(oldStage), HubSpotTime.text(now));
            }
            set("hs_v2_date_entered_current_stage", HubSpotTime.text(now), calculated);
        }
    }

    private String weighted(String amount, DealStage stage) {
        BigDecimal product = new BigDecimal(amount).multiply(stage.probability()).stripTrailingZeros();
        return (product.scale() < 0 ? product.setScale(0) : product).toPlainString();
    }

    StoredDeal finish() {
        values[schema.slot("hs_lastmodifieddate")] = HubSpotTime.text(lastModified);
        return deal.with(values, history);
    }
}
