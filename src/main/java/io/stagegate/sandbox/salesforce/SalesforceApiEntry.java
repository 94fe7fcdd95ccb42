package io.stagegate.sandbox.salesforce;

import io.stagegate.sandbox.FaultKind;
import io.stagegate.sandbox.SandboxConfig;
import io.stagegate.sandbox.SandboxCrm;
import io.stagegate.sandbox.SandboxFaultException;
import io.stagegate.sandbox.SandboxGate;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.regex.Pattern;

/**
 * What every call of the simulated Salesforce REST API goes through before its resource acts: the sandbox switch, the
 * API version, the sandbox gate (quota, latency, injected faults) and a live access token; and the lookups of the
 * sObject type and record a URL names, with Salesforce's errors for each.
 */
@Singleton
final class SalesforceApiEntry {
    private static final Pattern VERSION = Pattern.compile("v[0-9]{2,3}\\.[0-9]");

    private final SandboxGate gate;
    private final SandboxConfig config;
    private final SalesforceOrg org;
    private final SalesforceSessions sessions;

    SalesforceApiEntry(SandboxGate gate, SandboxConfig config, SalesforceOrg org, SalesforceSessions sessions) {
        this.gate = gate;
        this.config = config;
        this.org = org;
        this.sessions = sessions;
    }

    /**
     * Checks the sandbox is on and the version, passes the gate, and returns the caller's user id. An injected session
     * expiry really ends the caller's session, so the token stays dead as an expired one does.
     */
    String enter(String endpoint, String version, HttpHeaders headers) {
        enabled();
        checkVersion(version);
        try {
            gate.admit(SandboxCrm.SALESFORCE, endpoint);
        } catch (SandboxFaultException fault) {
            if (fault.kind() == FaultKind.SESSION_EXPIRED) {
                sessions.revoke(token(headers));
            }
            throw fault;
        }
        return authenticate(headers);
    }

    /** As {@link #enter}, but an injected lock error names the record the call is about. */
    String enterRecord(String endpoint, String version, HttpHeaders headers, String id) {
        try {
            return enter(endpoint, version, headers);
        } catch (SandboxFaultException fault) {
            if (fault.kind() == FaultKind.LOCK_ERROR) {
                String normalized = SalesforceIds.normalize(id);
                throw new SalesforceApiException(400, "UNABLE_TO_LOCK_ROW", SalesforceFaultRenderer.lockMessage(normalized == null ? id : normalized));
            }
            throw fault;
        }
    }

    void enabled() {
        if (!config.enabled()) {
            throw SalesforceApiException.notFound();
        }
    }

    static void checkVersion(String version) {
        if (!VERSION.matcher(version).matches()) {
            throw SalesforceApiException.notFound();
        }
    }

    String authenticate(HttpHeaders headers) {
        return sessions.authenticate(token(headers)).orElseThrow(SalesforceApiException::sessionInvalid);
    }

    /** The access token of an {@code Authorization: Bearer ...} (or the older {@code OAuth ...}) header. */
    static String token(HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return null;
        }
        String trimmed = authorization.trim();
        int space = trimmed.indexOf(' ');
        String scheme = space < 0 ? "" : trimmed.substring(0, space);
        return scheme.equalsIgnoreCase("Bearer") || scheme.equalsIgnoreCase("OAuth") ? trimmed.substring(space + 1).trim() : null;
    }

    ObjectSchema object(String type) {
        ObjectSchema object = org.schema().object(type);
        if (object == null) {
            throw SalesforceApiException.notFound();
        }
        return object;
    }

    /** The record an sObject URL names; a malformed id reads as an external id field Salesforce does not know. */
    Row existing(ObjectSchema object, String id) {
        String normalized = SalesforceIds.normalize(id);
        if (normalized == null || !normalized.startsWith(object.keyPrefix())) {
            throw new SalesforceApiException(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + id);
        }
        Row row = org.row(normalized);
        if (row == null) {
            throw SalesforceApiException.notFound();
        }
        if (row.isDeleted()) {
            throw new SalesforceApiException(404, "ENTITY_IS_DELETED", "entity is deleted");
        }
        return row;
    }

    /** The {@code client=} of {@code Sforce-Call-Options}, which Salesforce reports as the change's origin. */
    static String client(HttpHeaders headers) {
        String options = headers.getHeaderString("Sforce-Call-Options");
        if (options == null) {
            return null;
        }
        for (String option : options.split(",")) {
            String[] pair = option.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("client")) {
                return pair[1].trim();
            }
        }
        return null;
    }
}
