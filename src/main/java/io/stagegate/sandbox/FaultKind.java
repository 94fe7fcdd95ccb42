package io.stagegate.sandbox;

/**
 * The failures the sandbox can inject, each answered in the simulated CRM's own shape (see the CRM reference docs):
 * Salesforce and HubSpot map them to their status codes and error bodies.
 */
public enum FaultKind {
    /** 429 (HubSpot rate limit; Salesforce edge). */
    RATE_LIMIT,
    /** 500 (Salesforce UNKNOWN_EXCEPTION, HubSpot internal error). */
    SERVER_ERROR,
    /** 503 (maintenance, overload). */
    UNAVAILABLE,
    /** The call hangs for the configured timeout, then gets a 504. */
    TIMEOUT,
    /** Salesforce UNABLE_TO_LOCK_ROW (HubSpot: 423 Locked). */
    LOCK_ERROR,
    /** The access token is treated as expired: 401 (Salesforce INVALID_SESSION_ID, HubSpot EXPIRED_AUTHENTICATION). */
    SESSION_EXPIRED,
    /** The daily API quota is used up (Salesforce 403 REQUEST_LIMIT_EXCEEDED, HubSpot 429 daily). Not random: by count. */
    QUOTA_EXCEEDED
}
