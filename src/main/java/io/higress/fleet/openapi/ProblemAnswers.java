package io.higress.fleet.openapi;

import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The error model in the API description: the {@code Problem} schema and one reusable response per problem status
 * ({@code #/components/responses/NotFound}, ...), listing the problem types of docs/errors.md that answer it.
 * Operations name theirs with {@code @APIResponse(responseCode = "404", ref = "NotFound")}; every operation gets
 * 400 (every endpoint checks its query) and 500, and one with a request body 413 and 415.
 */
final class ProblemAnswers {

    /** The component names of the problem answers, by status. */
    static final Map<Integer, String> NAMES = names();

    private ProblemAnswers() {
    }

    static void addComponents(OpenAPI api) {
        api.getComponents().addSchema("Problem", problemSchema());
        Map<Integer, List<ProblemType>> byStatus = Arrays.stream(ProblemType.values())
                .collect(Collectors.groupingBy(ProblemType::status, TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, types) -> api.getComponents().addResponse(NAMES.get(status), response(status, types)));
    }

    /** 400 and 500 on every operation, 413 and 415 where there is a body. */
    static void addCommon(Operation operation) {
        add(operation, 400);
        if (operation.getRequestBody() != null) {
            add(operation, 413);
            add(operation, 415);
        }
        add(operation, 500);
    }

    static void add(Operation operation, int... statuses) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        for (int status : statuses) {
            if (!responses.hasAPIResponse(Integer.toString(status))) {
                responses.addAPIResponse(Integer.toString(status), OASFactory.createAPIResponse()
                        .ref(NAMES.get(status)));
            }
        }
    }

    /** The upstream failures a call that reaches clusters or gateways can answer. */
    static void addUpstream(Operation operation) {
        add(operation, 502, 503, 504);
    }

    private static APIResponse response(int status, List<ProblemType> types) {
        String kinds = types.stream().map(t -> "`" + t.slug() + "`: " + t.title().toLowerCase(java.util.Locale.ROOT)
                + " (hint: " + t.hint() + ")").collect(Collectors.joining("; "));
        APIResponse r = OASFactory.createAPIResponse()
                .description(types.get(0).title() + (types.size() > 1 ? " and related" : "") + ". Problem types: "
                        + kinds + ". docs/errors.md lists when each happens.")
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(JavaSchemas.ref("Problem"))));
        if (status == 429 || status == 503) {
            r.addHeader("Retry-After", OASFactory.createHeader().description("seconds to wait before retrying")
                    .schema(OASFactory.createSchema().addType(SchemaType.INTEGER)));
        }
        return r;
    }

    private static Map<Integer, String> names() {
        Map<Integer, String> names = new LinkedHashMap<>();
        for (ProblemType t : ProblemType.values()) {
            // 502 has four types (unauthorized, forbidden, error, unreachable): one answer for them all
            names.putIfAbsent(t.status(), t.status() == 502 ? "UpstreamFailed" : camel(t.slug()));
        }
        return Map.copyOf(names);
    }

    static String camel(String words) {
        StringBuilder out = new StringBuilder();
        for (String w : words.split("[^A-Za-z0-9]+")) {
            if (!w.isEmpty()) {
                out.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            }
        }
        return out.toString();
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(SchemaType.STRING);
    }

    private static Schema problemSchema() {
        List<Object> types = new ArrayList<>();
        for (ProblemType t : ProblemType.values()) {
            types.add(t.uri());
        }
        return OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .description("RFC 9457 problem details (application/problem+json); docs/errors.md lists every type")
                .addProperty("type", string().format("uri").enumeration(types))
                .addProperty("title", string())
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32"))
                .addProperty("detail", string())
                .addProperty("instance", string().description("the request's path"))
                .addProperty("requestId", string().description("also in the X-Request-Id header"))
                .addProperty("cluster", string())
                .addProperty("gateway", string())
                .addProperty("hint", string())
                .addProperty("upstream", OASFactory.createSchema().addType(SchemaType.OBJECT)
                        .description("what the upstream said, when the problem comes from one")
                        .addProperty("kind", string().enumeration(List.of("kubernetes", "envoy-admin", "console")))
                        .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32"))
                        .addProperty("reason", string()))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("field errors of an invalid request ({field, message}: field a dotted path "
                                + "such as nacos[0].address), one problem per failed target, or an API server's "
                                + "causes ({reason, message, field})")
                        .items(OASFactory.createSchema().addType(SchemaType.OBJECT)))
                .required(List.of("type", "title", "status"));
    }
}
