package io.stagegate.crm.salesforce;

import io.stagegate.crm.CrmException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.AbstractMultivaluedMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Logs in with the JWT bearer or client credentials flow and caches the session (token and instance URL). Salesforce
 * tokens carry no expiry, so a session is replaced only when Salesforce rejects it: {@link #refresh} makes exactly one
 * login however many threads saw the same rejected session. Tokens are never logged or put into messages.
 */
@ApplicationScoped
class SalesforceTokenProvider {
    private static final Logger LOG = Logger.getLogger(SalesforceTokenProvider.class);
    static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    /** Salesforce tolerates about three minutes of clock skew; the assertion only has to live long enough to be used. */
    static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(3);

    private final SalesforceConfig config;
    private final SalesforceClients clients;
    private final Clock clock;
    private final Object lock = new Object();
    private volatile Session session;
    private volatile PrivateKey privateKey;

    /** An access token and the org's instance URL; {@link #toString()} hides the token. */
    record Session(String accessToken, String instanceUrl) {
        String bearer() {
            return "Bearer " + accessToken;
        }

        @Override
        public String toString() {
            return "Session[instanceUrl=" + instanceUrl + "]";
        }
    }

    SalesforceTokenProvider(SalesforceConfig config, SalesforceClients clients, Clock clock) {
        this.config = config;
        this.clients = clients;
        this.clock = clock;
    }

    /** The cached session, logging in first if there is none. */
    Session session() {
        Session current = session;
        if (current != null) {
            return current;
        }
        synchronized (lock) {
            if (session == null) {
                session = login();
            }
            return session;
        }
    }

    /**
     * A new session after Salesforce rejected {@code rejected} (401 INVALID_SESSION_ID). Single flight: the first caller
     * logs in; callers that saw the same rejected session wait for it and share the result.
     */
    Session refresh(Session rejected) {
        synchronized (lock) {
            Session current = session;
            if (current != null && current != rejected) {
                return current;
            }
            session = null;
            session = login();
            return session;
        }
    }

    /** Forgets the session, e.g. after the credentials changed. */
    void forget() {
        synchronized (lock) {
            session = null;
            privateKey = null;
        }
    }

    private Session login() {
        SalesforceConfig.AuthFlow flow = config.authFlow();
        TokenResponse token;
        try {
            token = clients.login().token(form(flow));
        } catch (SalesforceHttpException e) {
            throw SalesforceErrors.classifyLogin(e, flow);
        } catch (ProcessingException e) {
            throw new CrmException.Retryable("cannot reach the Salesforce token endpoint: " + e.getMessage(), null, Duration.ZERO, e);
        }
        if (token == null || blank(token.accessToken()) || blank(token.instanceUrl())) {
            throw new CrmException.Fatal("the Salesforce token endpoint answered without access_token or instance_url: "
                    + "check STAGEGATE_SALESFORCE_LOGIN_URL", null, null);
        }
        LOG.infof("Logged in to Salesforce at %s (%s flow)", token.instanceUrl(), flow.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        return new Session(token.accessToken(), token.instanceUrl());
    }

    private MultivaluedMap<String, String> form(SalesforceConfig.AuthFlow flow) {
        String clientId = required(config.clientId(), "STAGEGATE_SALESFORCE_CLIENT_ID", "the consumer key of the connected app / external client app");
        MultivaluedMap<String, String> form = new AbstractMultivaluedMap<>(new LinkedHashMap<>()) { };
        if (flow == SalesforceConfig.AuthFlow.CLIENT_CREDENTIALS) {
            form.add("grant_type", "client_credentials");
            form.add("client_id", clientId);
            form.add("client_secret", required(config.clientSecret(), "STAGEGATE_SALESFORCE_CLIENT_SECRET", "the app's consumer secret"));
        } else {
            String username = required(config.username(), "STAGEGATE_SALESFORCE_USERNAME", "the integration user's username");
            form.add("grant_type", JWT_GRANT);
            form.add("assertion", JwtBearerAssertion.sign(key(), clientId, username, audience(), clock.instant().plus(ASSERTION_LIFETIME)));
        }
        return form;
    }

    private PrivateKey key() {
        PrivateKey key = privateKey;
        if (key == null) {
            try {
                key = JwtBearerAssertion.privateKey(privateKeyPem());
            } catch (IllegalArgumentException e) {
                throw new CrmException.Fatal("STAGEGATE_SALESFORCE_PRIVATE_KEY(_FILE): " + e.getMessage(), null, null);
            }
            privateKey = key;
        }
        return key;
    }

    private String privateKeyPem() {
        Optional<String> inline = config.privateKey().filter(text -> !text.isBlank());
        if (inline.isPresent()) {
            // An environment variable may carry the PEM's line breaks as literal \n.
            return inline.get().replace("\\n", "\n");
        }
        String file = required(config.privateKeyFile(), "STAGEGATE_SALESFORCE_PRIVATE_KEY or STAGEGATE_SALESFORCE_PRIVATE_KEY_FILE",
                "the PEM private key whose certificate is uploaded to the app");
        try {
            return Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CrmException.Fatal("cannot read the private key file " + file + " (STAGEGATE_SALESFORCE_PRIVATE_KEY_FILE): " + e.getMessage(), null, null);
        }
    }

    /** The JWT {@code aud}: configured, else Salesforce's login or test URL for Salesforce hosts, else the login URL itself. */
    String audience() {
        if (config.jwtAudience().isPresent()) {
            return config.jwtAudience().get();
        }
        String loginUrl = clients.loginUrl().orElse("");
        String host = Optional.ofNullable(URI.create(loginUrl).getHost()).orElse("").toLowerCase(Locale.ROOT);
        if (host.equals("test.salesforce.com") || host.endsWith(".sandbox.my.salesforce.com")) {
            return "https://test.salesforce.com";
        }
        if (host.endsWith("salesforce.com")) {
            return "https://login.salesforce.com";
        }
        return loginUrl.endsWith("/") ? loginUrl.substring(0, loginUrl.length() - 1) : loginUrl;
    }

    private static String required(Optional<String> value, String variable, String what) {
        return value.filter(text -> !text.isBlank()).orElseThrow(() ->
                new CrmException.Fatal("the Salesforce connector needs " + variable + " (" + what + ")", null, null));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
