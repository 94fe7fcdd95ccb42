package io.stagegate.criteria;

/** Whether a rule was met, with the value it saw written out (for example {@code Next_Step_Date__c=2026-11-20}). */
public record Verdict(boolean met, String observed) {
    public static Verdict of(boolean met, String observed) {
        return new Verdict(met, observed);
    }
}
