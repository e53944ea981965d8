package io.higress.fleet.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error the REST layer answers becomes problem+json: our own problems, JAX-RS errors (404 unknown path, 405,
 * 406, 415), malformed or mistyped JSON (400 naming the field), and anything unexpected (500, logged with the request
 * id, never a stack trace in the answer).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return ProblemResponses.response(e.problem(), request);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse() != null ? e.getResponse().getStatus() : 500;
        if (status >= 500) {
            return unexpected(e, request);
        }
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException j) {
            return json(j, request);
        }
        ProblemType type = ProblemType.forClientStatus(status);
        String detail = switch (status) {
            case 404 -> "no resource at " + request.method() + " " + request.path();
            case 405 -> request.method() + " is not allowed on " + request.path();
            // the framework's texts speak of @Consumes/@Produces: say what the caller can change instead
            case 406 -> "cannot answer in the media type asked for (Accept: " + request.getHeader("Accept")
                    + "); /q/openapi lists what each endpoint produces — most answer application/json";
            case 415 -> (request.getHeader("Content-Type") == null ? "the body has no Content-Type"
                    : "this endpoint does not read a " + request.getHeader("Content-Type") + " body")
                    + "; send Content-Type: application/json (manifests also take application/yaml)";
            default -> e.getMessage();
        };
        return ProblemResponses.response(Problem.of(type, detail).withStatus(status), request);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        java.util.Optional<Problem.FieldError> duplicate = DuplicateKeys.of(e);
        if (duplicate.isPresent()) {
            return ProblemResponses.response(Problem.invalid(java.util.List.of(duplicate.get())), request);
        }
        if (e instanceof JsonParseException) {
            return ProblemResponses.response(Problem.invalid("body", "malformed JSON: " + e.getOriginalMessage()), request);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return ProblemResponses.response(Problem.invalid(path(u), "unknown field"), request);
        }
        if (e instanceof JsonMappingException m) {
            return ProblemResponses.response(Problem.invalid(path(m).isEmpty() ? "body" : path(m),
                    "wrong type or value: " + m.getOriginalMessage()), request);
        }
        return ProblemResponses.response(Problem.invalid("body", "unreadable JSON"), request);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        Problem problem = ProblemResponses.complete(Problem.of(ProblemType.INTERNAL, "the facade failed unexpectedly"),
                request);
        LOG.errorf(e, "Unexpected failure of %s %s (request %s)", request.method(), request.path(), problem.requestId());
        return ProblemResponses.response(problem, request);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
