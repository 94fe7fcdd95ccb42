package io.stagegate.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The web UI's "Sign in with single sign-on": the OIDC authorization-code flow with PKCE. {@link #begin} sends the
 * browser to the provider with a fresh state, nonce and code challenge, which the browser keeps in a short-lived sealed
 * cookie ({@link #COOKIE}); {@link #complete} checks that the provider's answer belongs to that cookie, exchanges the
 * code at the token endpoint (client id and secret), verifies the ID token ({@link IdTokens}) and maps its roles claim
 * ({@link RoleMapping}) to the role of a {@link WebSessions} session, the same one a token sign-in opens.
 */
@ApplicationScoped
public class SingleSignOnLogin {
    /** The cookie of a sign-in under way: state, nonce, PKCE verifier and where to go afterwards, sealed. */
    public static final String COOKIE = "stagegate_signin";
    /** How long a user may take at the provider's sign-in page. */
    public static final Duration PATIENCE = Duration.ofMinutes(10);
    /** The longest user name a session cookie carries (base64url in a cookie of at most 400 characters). */
    private static final int MAX_USER = 200;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final AuthConfig.Oidc config;
    private final RoleMapping mapping;
    private final WebSessions sessions;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final SecureRandom random = new SecureRandom();
    private volatile IdTokens provider;

    public SingleSignOnLogin(AuthConfig config, WebSessions sessions, ObjectMapper json, Clock clock) {
        this.config = config.oidc();
        this.mapping = RoleMapping.of(this.config);
        this.sessions = sessions;
        this.json = json;
        this.clock = clock;
    }

    /** Whether the sign-in page offers single sign-on: a provider, a client id and its secret are all configured. */
    public boolean offered() {
        return config.enabled() && config.clientId().isPresent() && config.clientSecret().isPresent();
    }

    /** Where to send the browser, and the cookie it keeps until it comes back. */
    public record Redirect(URI location, String cookie) {
    }

    /** Who came back signed in, with which role and where they were going. */
    public record SignedIn(String user, String role, String next, String session) {
    }

    /** A sign-in that cannot complete: the HTTP status to answer and what to tell the user. */
    public static final class Refused extends Exception {
        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public Redirect begin(URI redirectUri, String next) throws Refused {
        IdTokens tokens = provider();
        String state = randomText();
        String nonce = randomText();
        String verifier = randomText() + randomText();
        long until = clock.instant().plus(PATIENCE).getEpochSecond();
        String cookie = sessions.seal(String.join(".", state, nonce, verifier, Long.toString(until),
                ENCODER.encodeToString(next.getBytes(StandardCharsets.UTF_8))));
        String query = form(Map.of("response_type", "code", "client_id", config.clientId().orElseThrow(), "redirect_uri", redirectUri.toString(),
                "scope", "openid profile", "state", state, "nonce", nonce, "code_challenge", challenge(verifier),
                "code_challenge_method", "S256"));
        String authorization = tokens.authorizationEndpoint().toString();
        return new Redirect(URI.create(authorization + (authorization.contains("?") ? "&" : "?") + query), cookie);
    }

    /** Completes the sign-in the browser's {@code cookie} started, with the provider's answer on the callback. */
    public SignedIn complete(String cookie, String state, String code, String error, URI redirectUri) throws Refused {
        String[] attempt = sessions.unseal(cookie, 4000).map(value -> value.split("\\.", -1))
                .filter(parts -> parts.length == 5).orElseThrow(() -> new Refused(400,
                        "This browser has no sign-in under way (it started on another browser, or its cookie expired). Sign in again."));
        if (state == null || !MessageDigest.isEqual(attempt[0].getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8))) {
            throw new Refused(400, "The provider's answer belongs to another sign-in than this browser's (state mismatch). Sign in again.");
        }
        if (Long.parseLong(attempt[3]) <= clock.instant().getEpochSecond()) {
            throw new Refused(400, "The sign-in took longer than " + PATIENCE.toMinutes() + " minutes. Sign in again.");
        }
        if (error != null) {
            throw new Refused(401, "The single sign-on provider refused the sign-in: " + error + ".");
        }
        if (code == null || code.isBlank()) {
            throw new Refused(400, "The provider's answer carries no authorization code. Sign in again.");
        }
        IdTokens tokens = provider();
        IdTokens.Verified verified = tokens.verify(exchange(tokens, code, attempt[2], redirectUri), config.clientId().orElseThrow(), attempt[1],
                config.rolesClaim());
        String role = mapping.roleOf(verified.roles()).orElseThrow(() -> new Refused(403, "You are signed in at the provider as "
                + verified.user() + ", but none of your " + config.rolesClaim() + " grants a Stagegate role. Ask an admin to add you to "
                + "a group that grants admin or viewer."));
        if (verified.user().length() > MAX_USER) {
            throw new Refused(403, "Your user name at the provider is longer than " + MAX_USER + " characters, more than a session holds.");
        }
        String next = new String(Base64.getUrlDecoder().decode(attempt[4]), StandardCharsets.UTF_8);
        return new SignedIn(verified.user(), role, next, sessions.openSignedIn(role, verified.user()));
    }

    /** The ID token the token endpoint issues for {@code code}, proven by the PKCE verifier and the client's secret. */
    private String exchange(IdTokens tokens, String code, String verifier, URI redirectUri) throws Refused {
        String client = URLEncoder.encode(config.clientId().orElseThrow(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(config.clientSecret().orElseThrow(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(tokens.tokenEndpoint()).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(client.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code", code,
                        "redirect_uri", redirectUri.toString(), "code_verifier", verifier))))
                .build();
        JsonNode answer = call(request, "token endpoint " + tokens.tokenEndpoint());
        JsonNode idToken = answer.path("id_token");
        if (!idToken.isTextual()) {
            String refusal = answer.path("error").asText("no id_token in its answer");
            throw new Refused(401, "The single sign-on provider did not sign you in: " + refusal + ". Sign in again.");
        }
        return idToken.asText();
    }

    /** The provider's endpoints and keys, read from its discovery document once (again after a failure). */
    private IdTokens provider() throws Refused {
        IdTokens known = provider;
        if (known != null) {
            return known;
        }
        String issuer = config.authServerUrl().orElseThrow().strip();
        URI discovery = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        JsonNode document = call(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(15)).header("Accept", "application/json").GET().build(),
                "discovery document " + discovery);
        for (String field : new String[] {"issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"}) {
            if (!document.path(field).isTextual()) {
                throw new Refused(502, "The single sign-on provider's discovery document " + discovery + " names no " + field + ".");
            }
        }
        known = new IdTokens(document.path("issuer").asText(), URI.create(document.path("authorization_endpoint").asText()),
                URI.create(document.path("token_endpoint").asText()), document.path("jwks_uri").asText());
        provider = known;
        return known;
    }

    /** A JSON answer of the provider; a 4xx carries an OAuth error object, anything else unreadable is the provider's fault. */
    private JsonNode call(HttpRequest request, String what) throws Refused {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) {
                throw new Refused(502, "The single sign-on provider's " + what + " answered " + response.statusCode() + ". Try again later.");
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new Refused(502, "The single sign-on provider's " + what + " could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(503, "The sign-in was interrupted. Sign in again.");
        }
    }

    private String randomText() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            return ENCODER.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
