package io.stagegate.sync;

import java.util.Set;

/** Which opportunities are written back: none (shadow mode), all, or those of a pilot's pipelines. */
public record WriteScope(boolean on, Set<String> pipelines) {
    public static final WriteScope SHADOW = new WriteScope(false, Set.of());
    public static final WriteScope ALL = new WriteScope(true, Set.of());

    public WriteScope {
        pipelines = Set.copyOf(pipelines);
    }

    public boolean writes(String pipelineKey) {
        return on && (pipelines.isEmpty() || pipelines.contains(pipelineKey));
    }

    public String describe() {
        if (!on) {
            return "shadow (nothing is written)";
        }
        return pipelines.isEmpty() ? "on" : "on for pipelines " + pipelines;
    }
}
