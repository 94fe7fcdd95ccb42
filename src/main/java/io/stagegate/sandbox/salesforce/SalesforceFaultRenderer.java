package io.stagegate.sandbox.salesforce;

import io.stagegate.sandbox.FaultRenderer;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxFaultException;
import io.stagegate.sandbox.SandboxGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/** Injected faults in Salesforce's shape: its status codes, error codes and messages, and the usage header. */
@ApplicationScoped
public class SalesforceFaultRenderer implements FaultRenderer {
    /** Used when a lock error hits a call that names no record (queries); record calls name their own. */
    static final String SOME_OPPORTUNITY = "006000000000000AAA";

    private final SandboxGate gate;

    public SalesforceFaultRenderer(SandboxGate gate) {
        this.gate = gate;
    }

    @Override
    public SandboxCrm crm() {
        return SandboxCrm.SALESFORCE;
    }

    @Override
    public Response render(SandboxFaultException fault) {
        Response response = SalesforceJson.error(exception(fault, SOME_OPPORTUNITY));
        SandboxGate.Usage usage = gate.usage(SandboxCrm.SALESFORCE);
        return Response.fromResponse(response).header(SalesforceResponseFilter.LIMIT_INFO, SalesforceResponseFilter.limitInfo(usage)).build();
    }

    /** The error an injected fault becomes; {@code recordId} names the record a lock error is about. */
    static SalesforceApiException exception(SandboxFaultException fault, String recordId) {
        switch (fault.kind()) {
            case RATE_LIMIT:
                return new SalesforceApiException(429, "REQUEST_LIMIT_EXCEEDED", "ConcurrentRequests (Concurrent API Requests) Limit exceeded.");
            case SERVER_ERROR:
                return new SalesforceApiException(500, "UNKNOWN_EXCEPTION",
                        "An unexpected error occurred. Please include this ErrorId if you contact support: 1427385632-95104 (-1204617295)");
            case UNAVAILABLE:
                return new SalesforceApiException(503, "SERVER_UNAVAILABLE", "Server unavailable: the service is down for maintenance or overloaded");
            case TIMEOUT:
                return new SalesforceApiException(504, "REQUEST_RUNNING_TOO_LONG", "Your request was running for too long, and has been stopped.");
            case LOCK_ERROR:
                return new SalesforceApiException(400, "UNABLE_TO_LOCK_ROW", lockMessage(recordId));
            case SESSION_EXPIRED:
                return SalesforceApiException.sessionInvalid();
            case QUOTA_EXCEEDED:
                return new SalesforceApiException(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
            default:
                throw new IllegalStateException("unknown fault " + fault.kind());
        }
    }

    static String lockMessage(String recordId) {
        return "unable to obtain exclusive access to this record or 1 records: " + recordId;
    }
}
