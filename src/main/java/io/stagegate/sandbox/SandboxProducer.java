package io.stagegate.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Wires the framework-free sandbox parts. */
public class SandboxProducer {

    @Produces
    @ApplicationScoped
    SandboxGate gate(SandboxConfig config) {
        return new SandboxGate(config.salesforce().limits().toSettings(), config.hubspot().limits().toSettings(), config.seed());
    }
}
