package io.stagegate.sync;

import java.util.Set;

/** Which opportunities are written back: none (shadow mode), all, or those of a pilot's pipelines. */
record WriteScope(boolean on, Set<String> pipelines) {
    static final WriteScope SHADOW = new WriteScope(false, Set.of());
    static final WriteScope ALL = new WriteScope(true, Set.of());

    WriteScope {
        pipelines = Set.copyOf(pipelines);
    }

    boolean writes(String pipelineKey) {
        return on && (pipelines.isEmpty() || pipelines.contains(pipelineKey));
    }

    String describe() {
        if (!on) {
            return "shadow (nothing is written)";
        }
        return pipelines.isEmpty() ? "on" : "on for pipelines " + pipelines;
    }
}
