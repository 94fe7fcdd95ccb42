package io.stagegate.criteria;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The verdict on one exit criterion of the journey stage at {@code stageIndex}, with the value it saw. The text of
 * what it saw is written only when someone reads it: the forecast and the write-back never do, and writing it was
 * most of an evaluation's cost. Written lazily, it is exactly the text {@link Rule#evaluate} gives, as long as the
 * opportunity's field values are not changed after the evaluation (the API and the connectors build a fresh map per
 * record and never change it).
 */
public final class CriterionVerdict {
    private final ExitCriterion criterion;
    private final int stageIndex;
    private final boolean met;
    private final Opportunity opportunity;
    private final LocalDate day;
    private String observed;

    public CriterionVerdict(ExitCriterion criterion, int stageIndex, boolean met, String observed) {
        this(criterion, stageIndex, met, null, null, observed);
    }

    private CriterionVerdict(ExitCriterion criterion, int stageIndex, boolean met, Opportunity opportunity, LocalDate day, String observed) {
        this.criterion = Objects.requireNonNull(criterion, "criterion");
        this.stageIndex = stageIndex;
        this.met = met;
        this.opportunity = opportunity;
        this.day = day;
        this.observed = observed;
    }

    /** A verdict whose observed text is written from {@code opportunity} on {@code day} when first asked for. */
    static CriterionVerdict deferred(ExitCriterion criterion, int stageIndex, boolean met, Opportunity opportunity, LocalDate day) {
        return new CriterionVerdict(criterion, stageIndex, met, opportunity, day, null);
    }

    public ExitCriterion criterion() {
        return criterion;
    }

    public int stageIndex() {
        return stageIndex;
    }

    public boolean met() {
        return met;
    }

    /** What the rule saw, e.g. {@code Next_Step_Date__c=2026-11-20}. */
    public String observed() {
        String text = observed;
        if (text == null && opportunity != null) {
            text = criterion.rule().evaluate(opportunity, day).observed();
            observed = text;
        }
        return text;
    }

    public String key() {
        return criterion.key();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof CriterionVerdict that)) {
            return false;
        }
        return stageIndex == that.stageIndex && met == that.met && criterion.equals(that.criterion) && Objects.equals(observed(), that.observed());
    }

    @Override
    public int hashCode() {
        return Objects.hash(criterion, stageIndex, met, observed());
    }

    @Override
    public String toString() {
        return "CriterionVerdict[criterion=" + criterion.key() + ", stageIndex=" + stageIndex + ", met=" + met + ", observed=" + observed() + "]";
    }
}
