package io.stagegate.playbook;

import io.stagegate.criteria.Evaluator;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** The playbook the service evaluates with right now, and an evaluator bound to it. Replaced atomically. */
public final class ActivePlaybook {
    private final Clock clock;
    private final AtomicReference<State> state = new AtomicReference<>();

    private record State(LoadedPlaybook loaded, Evaluator evaluator) {
    }

    public ActivePlaybook(LoadedPlaybook initial, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        replace(initial);
    }

    public LoadedPlaybook current() {
        return state.get().loaded();
    }

    public Evaluator evaluator() {
        return state.get().evaluator();
    }

    public void replace(LoadedPlaybook playbook) {
        state.set(new State(playbook, new Evaluator(playbook.playbook(), clock)));
    }
}
