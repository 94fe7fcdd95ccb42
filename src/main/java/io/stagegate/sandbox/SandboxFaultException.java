package io.stagegate.sandbox;

/** Thrown by {@link SandboxGate} when a call must fail; each simulated CRM renders it in its own error format. */
public final class SandboxFaultException extends RuntimeException {
    private final SandboxCrm crm;
    private final FaultKind kind;

    public SandboxFaultException(SandboxCrm crm, FaultKind kind) {
        super(crm + " sandbox injected " + kind);
        this.crm = crm;
        this.kind = kind;
    }

    public SandboxCrm crm() {
        return crm;
    }

    public FaultKind kind() {
        return kind;
    }
}
