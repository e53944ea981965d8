package io.higress.fleet.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.problem.StrictQuery;
import io.higress.fleet.problem.RequestReader;
import io.higress.fleet.security.audit.AuditRecorder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The brief's §3.1 login (contract §2) and who-am-I. */
@StrictQuery
@Path("/api/v1/user")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "user", description = "Login tokens")
public class LoginResource {

    /** One answer for an unknown user and a wrong password, so that it does not tell which users exist. */
    static final String WRONG_CREDENTIALS = "wrong username or password";
    /** Longer names are no user's: refused before they cost a hash check or throttle memory. */
    static final int MAX_USERNAME = 128;
    /** bcrypt reads 72 bytes; PBKDF2 hashes the whole password once per iteration's key: no need for megabytes. */
    static final int MAX_PASSWORD = 1024;

    private final Credentials credentials;
    private final LoginThrottle throttle;
    private final CurrentCaller currentCaller;

    public LoginResource(Credentials credentials, LoginThrottle throttle, CurrentCaller currentCaller) {
        this.credentials = credentials;
        this.throttle = throttle;
        this.currentCaller = currentCaller;
    }

    @RegisterForReflection
    public record LoginRequest(String username, String password) {
        @Override
        public String toString() {
            return "LoginRequest[username=" + username + ", password=***]"; // never in a log line
        }
    }

    private static LoginRequest complete(LoginRequest body) {
        List<Problem.FieldError> missing = new java.util.ArrayList<>();
        if (body.username() == null || body.username().isEmpty()) {
            missing.add(new Problem.FieldError("username", "required"));
        }
        if (body.username() != null && body.username().length() > MAX_USERNAME) {
            missing.add(new Problem.FieldError("username", "at most " + MAX_USERNAME + " characters"));
        }
        if (body.password() == null) {
            missing.add(new Problem.FieldError("password", "required"));
        } else if (body.password().length() > MAX_PASSWORD) {
            missing.add(new Problem.FieldError("password", "at most " + MAX_PASSWORD + " characters"));
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(Problem.invalid(missing));
        }
        return body;
    }

    @RegisterForReflection
    public record LoginData(String token, long expire) {
    }

    /** The console's envelope: {"code":200,"data":{...}}. */
    @RegisterForReflection
    public record LoginAnswer(int code, LoginData data) {
    }

    /** {@code roles} hold on every cluster; each binding's role on the clusters its selector matches. */
    @RegisterForReflection
    public record Me(String username, List<String> roles, List<BindingView> bindings) {
    }

    @RegisterForReflection
    public record BindingView(String role, String selector) {
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "login", summary = "Log in: a token for 'Authorization: Bearer', valid for 'expire' "
            + "seconds", description = "The brief's §3.1. A wrong user and a wrong password are the same 401; "
            + "repeated failures for one user or from one client are a 429 with Retry-After.")
    @APIResponse(responseCode = "200", description = "the token, in the console's envelope",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LoginAnswer.class),
                    examples = @ExampleObject(name = "brief", value = "{\"code\": 200, \"data\": {\"token\": "
                            + "\"eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl\", \"expire\": 7200}}")))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public Uni<LoginAnswer> login(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = LoginRequest.class),
                    examples = @ExampleObject(name = "brief", value = "{\"username\": \"admin\", "
                            + "\"password\": \"password\"}"))) JsonNode json,
            @Context RoutingContext ctx) {
        // strict like every body: {"user": ...} is "unknown field user", not a puzzling "username required"
        LoginRequest body = RequestReader.bind(json, LoginRequest.class).validated(LoginResource::complete);
        String user = body.username();
        String address = ctx.request().remoteAddress() != null ? ctx.request().remoteAddress().host() : "";
        ctx.put(AuditRecorder.ATTEMPTED_USER, user);
        // reserved before the slow hash check: parallel guesses are all counted
        OptionalLong wait = throttle.reserve(user, address);
        if (wait.isPresent()) {
            throw new ProblemException(Problem.of(ProblemType.TOO_MANY_REQUESTS,
                    "too many failed logins; try again in " + wait.getAsLong() + " s").withRetryAfter(wait.getAsLong()));
        }
        return Uni.createFrom().item(() -> credentials.checkPassword(user, body.password()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()) // bcrypt/PBKDF2 are slow by design
                .map(found -> {
                    if (found.isEmpty()) { // the reservation stays: a failure
                        throw new ProblemException(Problem.of(ProblemType.UNAUTHORIZED, WRONG_CREDENTIALS)
                                .withHint("check the username and password"));
                    }
                    throttle.succeeded(user, address);
                    ctx.put(CurrentCaller.KEY, found.get()); // the audit entry of this login shows the roles
                    return new LoginAnswer(200, new LoginData(credentials.issueToken(found.get()),
                            credentials.tokens().lifetime().toSeconds()));
                });
    }

    @GET
    @Path("/me")
    @Operation(operationId = "getCurrentUser", summary = "The caller: user or API key name, roles (everywhere) and "
            + "role bindings (on the clusters a selector matches)")
    @APIResponse(responseCode = "200", description = "who calls")
    public Me me() {
        Caller c = currentCaller.get();
        return new Me(c.name(), c.roleLabels(),
                c.bindings().stream().map(b -> new BindingView(b.role().label(), b.selectorText())).toList());
    }
}
