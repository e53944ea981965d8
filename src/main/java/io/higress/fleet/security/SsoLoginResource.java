package io.higress.fleet.security;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The authorization-code login for people (OIDC Core §3.1, with PKCE and a nonce): {@code /login} sends the browser
 * to the provider, {@code /callback} takes the code back, exchanges it at the provider's token endpoint and answers
 * a login token of the facade, as {@code POST /user/login} does. The caller and its rights are those the provider's
 * access token proves through the bearer path ({@link OidcBearer}: signature, issuer, expiry, audience, groups), so a
 * person and a bot of the same groups get the same rights. The login's state (state, nonce, PKCE verifier) travels
 * in a signed, HttpOnly cookie: any replica answers the callback, and a callback not started in this browser is
 * refused (login CSRF). Not strict about query parameters: providers add their own to the callback
 * ({@code session_state}, {@code iss}, {@code scope}).
 */
@Path("/api/v1/user/sso")
@Tag(name = "user", description = "Login tokens")
public class SsoLoginResource {
    static final String COOKIE = "fleet_sso";
    static final String CALLBACK = "/api/v1/user/sso/callback";
    private static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecurityConfig.SsoLogin config;
    private final String serverUrl;
    private final String clientId;
    private final Optional<String> clientSecret;
    private final Credentials credentials;
    private final OidcBearer bearer;
    private final WebClient client;
    /** The provider's discovery document, read once it is needed (a facade without SSO never asks). */
    private final AtomicReference<JsonObject> discovery = new AtomicReference<>();

    public SsoLoginResource(SecurityConfig security,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> serverUrl,
            @ConfigProperty(name = "quarkus.oidc.client-id") Optional<String> clientId,
            @ConfigProperty(name = "quarkus.oidc.credentials.secret") Optional<String> clientSecret,
            Credentials credentials, OidcBearer bearer, Vertx vertx) {
        this.config = security.oidc().login();
        this.serverUrl = serverUrl.map(u -> u.replaceAll("/+$", "")).orElse(null);
        this.clientId = clientId.orElse(null);
        this.clientSecret = clientSecret;
        this.credentials = credentials;
        this.bearer = bearer;
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(
                (int) PROVIDER_TIMEOUT.toMillis()).setFollowRedirects(false));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @GET
    @Path("/login")
    @Operation(operationId = "startSsoLogin", summary = "Single sign-on: send the browser to the OIDC provider's "
            + "login page", description = "Sets a signed, HttpOnly cookie with the login's state; the provider "
            + "sends the browser back to /api/v1/user/sso/callback. 404 when single sign-on is not configured.")
    @APIResponse(responseCode = "302", description = "to the provider's authorization endpoint",
            headers = @Header(name = "Location", description = "the provider's login page",
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "502", ref = "UpstreamFailed")
    public Uni<Response> login(@Context RoutingContext ctx) {
        requireEnabled();
        String state = random(32);
        String nonce = random(32);
        String verifier = random(48);
        String redirect = redirectUri(ctx);
        Map<String, String> sealed = Map.of("state", state, "nonce", nonce, "verifier", verifier, "redirect",
                redirect);
        String cookie = credentials.tokens().seal(sealed, config.timeout(), Instant.now());
        return discovery().map(d -> {
            List<String> scopes = new ArrayList<>(List.of("openid"));
            config.scopes().orElse(List.of()).stream().filter(s -> !scopes.contains(s)).forEach(scopes::add);
            Map<String, String> q = new LinkedHashMap<>();
            q.put("response_type", "code");
            q.put("client_id", clientId);
            q.put("redirect_uri", redirect);
            q.put("scope", String.join(" ", scopes));
            q.put("state", state);
            q.put("nonce", nonce);
            q.put("code_challenge", challenge(verifier));
            q.put("code_challenge_method", "S256");
            String endpoint = d.getString("authorization_endpoint");
            String location = endpoint + (endpoint.contains("?") ? "&" : "?") + form(q);
            return Response.status(Response.Status.FOUND).location(URI.create(location))
                    .header("Set-Cookie", cookie(cookie, redirect, config.timeout().toSeconds()))
                    .header("Cache-Control", "no-store").build();
        });
    }

    @GET
    @Path("/callback")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "finishSsoLogin", summary = "Single sign-on: the provider's redirect back; answers a "
            + "login token", description = "Checks the state against the login's cookie, exchanges the code (with "
            + "the PKCE verifier) at the provider's token endpoint, checks the ID token (issuer, audience, expiry, "
            + "nonce) and the access token (as a bearer token of the provider), and answers a login token whose "
            + "rights are the provider groups' (fleet.security.oidc.groups), in the console's envelope.")
    @APIResponse(responseCode = "200", description = "the token, in the console's envelope",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = LoginResource.LoginAnswer.class)))
    @APIResponse(responseCode = "400", ref = "InvalidRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "502", ref = "UpstreamFailed")
    public Uni<Response> callback(@QueryParam("code") String code, @QueryParam("state") String state,
            @QueryParam("error") String error, @QueryParam("error_description") String errorDescription,
            @CookieParam(COOKIE) String cookie, @Context RoutingContext ctx) {
        requireEnabled();
        if (error != null) {
            throw refused("the provider refused the login: " + error
                    + (errorDescription == null ? "" : " (" + errorDescription + ")"), "log in at the provider, "
                    + "or ask its administrator whether this client may use the authorization-code flow");
        }
        List<Problem.FieldError> missing = new ArrayList<>();
        if (code == null || code.isBlank()) {
            missing.add(new Problem.FieldError("code", "required: the provider's authorization code"));
        }
        if (state == null || state.isBlank()) {
            missing.add(new Problem.FieldError("state", "required: the state the login sent"));
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(Problem.invalid(missing));
        }
        Map<String, Object> login = (cookie == null ? Optional.<Map<String, Object>>empty()
                : credentials.tokens().unseal(cookie)).orElseThrow(() -> refused("no login was started in this "
                + "browser, or it took longer than " + config.timeout().toMinutes() + " min",
                "start again at /api/v1/user/sso/login"));
        if (!MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                String.valueOf(login.get("state")).getBytes(StandardCharsets.UTF_8))) {
            throw refused("the state does not match the login started in this browser",
                    "start again at /api/v1/user/sso/login");
        }
        return discovery()
                .chain(d -> exchange(d, code, (String) login.get("verifier"), (String) login.get("redirect"))
                        .chain(tokens -> {
                            checkIdToken(tokens.getString("id_token"), d.getString("issuer"),
                                    (String) login.get("nonce"));
                            String access = tokens.getString("access_token");
                            return bearer.prove(access == null ? "" : access);
                        }))
                .map(proved -> {
                    OidcBearer.Proved p = proved.orElseThrow(() -> refused("the provider's access token is not "
                            + "one this facade accepts (its audience must be the facade's client id)",
                            "have the provider put '" + clientId + "' in the access token's audience "
                                    + "(quarkus.oidc.token.audience)"));
                    Caller caller = credentials.oidcCaller(p.name(), p.groups());
                    if (caller.roles().isEmpty() && caller.bindings().isEmpty()) { // a token that opens nothing
                        throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, p.name() + " is in no group "
                                        + "this facade maps to a role (its groups: " + String.join(", ",
                                        p.groups().stream().sorted().toList()) + ")")
                                .withHint("ask an administrator to map one of your groups in "
                                        + "fleet.security.oidc.groups"));
                    }
                    ctx.put(CurrentCaller.KEY, caller); // the audit entry of this login shows who
                    String token = credentials.tokens().issueSso(p.name(), p.groups(), Instant.now());
                    return Response.ok(new LoginResource.LoginAnswer(200, new LoginResource.LoginData(token,
                                    credentials.tokens().lifetime().toSeconds())), MediaType.APPLICATION_JSON)
                            .header("Set-Cookie", cookie("", (String) login.get("redirect"), 0))
                            .header("Cache-Control", "no-store").build();
                });
    }

    private void requireEnabled() {
        if (!config.enabled()) {
            throw new ProblemException(Problem.of(ProblemType.NOT_FOUND, "single sign-on is not configured on this "
                            + "facade").withHint("log in with POST /api/v1/user/login, or set "
                    + "fleet.security.oidc.login.enabled=true (docs/security.md#single-sign-on)"));
        }
    }

    /** Checked at start ({@link Credentials}); here the request's own host fills the default. */
    private String redirectUri(RoutingContext ctx) {
        return config.redirectUri().orElseGet(() -> {
            URI self = URI.create(ctx.request().absoluteURI());
            return self.getScheme() + "://" + self.getRawAuthority() + CALLBACK;
        });
    }

    private Uni<JsonObject> discovery() {
        JsonObject known = discovery.get();
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        String url = serverUrl + "/.well-known/openid-configuration";
        return client.getAbs(url).timeout(PROVIDER_TIMEOUT.toMillis()).send()
                .onFailure().transform(t -> unreachable("reading " + url + " failed: " + t.getMessage()))
                .map(r -> {
                    JsonObject d = json(r, url);
                    for (String f : List.of("issuer", "authorization_endpoint", "token_endpoint")) {
                        if (d.getString(f) == null) {
                            throw unreachable(url + " has no " + f);
                        }
                    }
                    discovery.set(d);
                    return d;
                });
    }

    private Uni<JsonObject> exchange(JsonObject d, String code, String verifier, String redirect) {
        String url = d.getString("token_endpoint");
        MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", "authorization_code").add("code", code)
                .add("redirect_uri", redirect).add("code_verifier", verifier).add("client_id", clientId);
        var request = client.postAbs(url).timeout(PROVIDER_TIMEOUT.toMillis()).putHeader("Accept", "application/json");
        clientSecret.ifPresent(secret -> request.basicAuthentication(clientId, secret));
        return request.sendForm(form)
                .onFailure().transform(t -> unreachable("the token endpoint " + url + " failed: " + t.getMessage()))
                .map(r -> {
                    if (r.statusCode() == 400 || r.statusCode() == 401) { // invalid_grant: used, expired, forged
                        JsonObject e = Optional.ofNullable(tryJson(r)).orElse(new JsonObject());
                        throw refused("the provider refused the code: " + e.getString("error", "HTTP "
                                + r.statusCode()), "start again at /api/v1/user/sso/login (a code is good once)");
                    }
                    return json(r, url);
                });
    }

    /**
     * OIDC Core §3.1.3.7 for an ID token received from the token endpoint itself (over TLS: its signature may be
     * left to that channel): issuer, audience, expiry, and the nonce this login sent.
     */
    private void checkIdToken(String idToken, String issuer, String nonce) {
        String[] parts = idToken == null ? new String[0] : idToken.split("\\.");
        JsonObject claims;
        try {
            claims = parts.length == 3 ? new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8)) : null;
        } catch (RuntimeException e) {
            claims = null;
        }
        if (claims == null) {
            throw unreachable("the token endpoint answered no ID token");
        }
        Object aud = claims.getValue("aud");
        boolean forUs = aud instanceof String s ? s.equals(clientId)
                : aud instanceof io.vertx.core.json.JsonArray a && a.contains(clientId);
        long exp = claims.getLong("exp", 0L);
        if (!issuer.equals(claims.getString("iss")) || !forUs || exp < Instant.now().getEpochSecond()
                || !nonce.equals(claims.getString("nonce"))) {
            throw refused("the provider's ID token is not for this login (issuer, audience, expiry or nonce)",
                    "start again at /api/v1/user/sso/login");
        }
    }

    private static JsonObject json(HttpResponse<?> r, String url) {
        JsonObject body = r.statusCode() / 100 == 2 ? tryJson(r) : null;
        if (body == null) {
            throw unreachable(url + " answered HTTP " + r.statusCode() + (r.statusCode() / 100 == 2
                    ? " without a JSON object" : ""));
        }
        return body;
    }

    private static JsonObject tryJson(HttpResponse<?> r) {
        try {
            return r.bodyAsJsonObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ProblemException refused(String detail, String hint) {
        return new ProblemException(Problem.of(ProblemType.UNAUTHORIZED, detail).withHint(hint));
    }

    private static ProblemException unreachable(String detail) {
        return new ProblemException(Problem.of(ProblemType.UPSTREAM_ERROR, "the OIDC provider: " + detail)
                .withHint("check quarkus.oidc.auth-server-url and that the facade reaches the provider"));
    }

    private static String cookie(String value, String redirect, long maxAge) {
        // Lax: the provider's redirect back is a top-level GET, which carries it; Secure where the facade is https
        return COOKIE + "=" + value + "; Path=/api/v1/user/sso; Max-Age=" + maxAge + "; HttpOnly; SameSite=Lax"
                + (redirect.startsWith("https:") ? "; Secure" : "");
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> q) {
        return String.join("&", q.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
    }
}
