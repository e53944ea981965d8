package io.higress.fleet.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.restassured.response.Response;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The published API description as a contract to hold real answers to: for an answer to {@code METHOD path}, the
 * operation must exist, list the status (or {@code default}), list the media type, declare the headers the facade
 * sent that the description names ({@code X-Fleet-Partial}, {@code Location}, {@code Retry-After}), and the body must
 * validate against the documented schema (JSON Schema 2020-12, as OpenAPI 3.1 says); ND-JSON lines and SSE data
 * against the schema of the JSON answer's items. Which operations were checked is recorded, for coverage.
 */
final class ApiContract {
    static final String URI = "https://higress-fleet.io/openapi.json";
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> CHECKED_HEADERS = Set.of("X-Fleet-Partial", "Location", "Retry-After");

    final JsonNode document;
    private final JsonSchemaFactory factory;
    /** operationId → "METHOD /path" */
    private final Map<String, String> operations = new TreeMap<>();
    private final Set<String> checked = new TreeSet<>();

    ApiContract(String json) {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json, null, null);
        assertThat(parsed.getMessages()).as("swagger-parser's messages").isEmpty();
        try {
            this.document = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaLoaders(l -> l.schemas(Map.of(URI, json))));
        document.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (METHODS.contains(m.getKey())) {
                operations.put(m.getValue().get("operationId").asText(), m.getKey().toUpperCase(Locale.ROOT) + " "
                        + p.getKey());
            }
        }));
    }

    Map<String, String> operations() {
        return operations;
    }

    Set<String> checked() {
        return checked;
    }

    /** Checks the answer against the description; returns it for further assertions. */
    Response check(String method, String requestPath, Response answer) {
        String template = template(requestPath);
        assertThat(template).as("a documented path for " + requestPath).isNotNull();
        String m = method.toLowerCase(Locale.ROOT);
        JsonNode operation = document.get("paths").get(template).get(m);
        assertThat(operation).as("a documented operation " + method + " " + template).isNotNull();
        String where = operation.get("operationId").asText() + " (" + method + " " + requestPath + ")";
        String status = Integer.toString(answer.statusCode());
        JsonNode responses = operation.get("responses");
        String code = responses.has(status) ? status : responses.has("default") ? "default" : null;
        assertThat(code).as(where + ": status " + status + " is documented (documented: "
                + iterable(responses.fieldNames()) + "); body: " + answer.asString()).isNotNull();
        String pointer = "/paths/" + escape(template) + "/" + m + "/responses/" + code;
        JsonNode response = responses.get(code);
        if (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
            response = at(pointer);
        }
        checkHeaders(where, answer, response);
        String type = answer.contentType() == null || answer.contentType().isEmpty() ? null
                : answer.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode content = response.get("content");
        if (content == null) {
            assertThat(answer.asByteArray()).as(where + ": an answer without documented content").isEmpty();
        } else {
            String mediaType = matching(content, type);
            assertThat(mediaType).as(where + ": Content-Type " + type + " is documented for " + status + " (documented: "
                    + iterable(content.fieldNames()) + ")").isNotNull();
            String schema = pointer + "/content/" + escape(mediaType) + "/schema";
            body(where, mediaType, answer.asString(), schema, operation, m, template);
        }
        checked.add(operation.get("operationId").asText());
        return answer;
    }

    private void checkHeaders(String where, Response answer, JsonNode response) {
        for (String header : CHECKED_HEADERS) {
            if (answer.header(header) != null) {
                assertThat(response.path("headers").has(header)).as(where + ": the header " + header
                        + " is documented for " + answer.statusCode()).isTrue();
            }
        }
    }

    private void body(String where, String mediaType, String body, String schema, JsonNode operation, String method,
            String template) {
        if (mediaType.equals(FleetPaths.NDJSON)) {
            String items = itemsSchema(method, template);
            List<String> lines = body.lines().filter(l -> !l.isBlank()).toList();
            assertThat(lines).as(where + ": lines in the stream").isNotEmpty();
            for (int i = 0; i < lines.size() - 1; i++) {
                validate(where + " line " + i, json(lines.get(i)), items);
            }
            assertThat(json(lines.get(lines.size() - 1)).has("summary")).as(where + ": the last line is the summary")
                    .isTrue();
        } else if (mediaType.endsWith("json")) {
            validate(where, json(body), schema);
        } else if (mediaType.equals(FleetPaths.SSE)) {
            JsonNode events = at(schema.substring(0, schema.length() - "/schema".length())).get("x-sse-events");
            assertThat(events).as(where + ": the events are documented (x-sse-events)").isNotNull();
            List<String[]> received = events(body);
            assertThat(received).as(where + ": events in the stream").isNotEmpty();
            for (String[] e : received) {
                assertThat(events.has(e[0])).as(where + ": event '" + e[0] + "' is documented").isTrue();
                String ref = events.get(e[0]).path("$ref").asText();
                validate(where + " event " + e[0], json(e[1]), ref.isEmpty()
                        ? schema.substring(0, schema.length() - "/schema".length()) + "/x-sse-events/" + e[0]
                        : ref.substring(1));
            }
        } else {
            assertThat(at(schema).path("type").asText()).as(where + ": a text answer is a string").isEqualTo("string");
        }
    }

    /** {event name, data} of each server-sent event. */
    static List<String[]> events(String body) {
        List<String[]> out = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String event = "message";
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
            if (!data.isEmpty()) {
                out.add(new String[] {event, data.toString()});
            }
        }
        return out;
    }

    /** The schema of one item of the operation's JSON answer (for its streamed forms). */
    private String itemsSchema(String method, String template) {
        String answer = "/paths/" + escape(template) + "/" + method + "/responses/200/content/application~1json/schema";
        String ref = at(answer).get("$ref").asText();
        return ref.substring(1) + "/properties/items/items";
    }

    void validate(String where, JsonNode value, String pointer) {
        JsonSchema schema = factory.getSchema(SchemaLocation.of(URI + "#" + pointer));
        Set<ValidationMessage> errors = schema.validate(value);
        assertThat(errors).as(where + ": the body matches " + pointer + "; body: " + value).isEmpty();
    }

    /** The documented path the request path falls under; literal segments win over parameters. */
    String template(String requestPath) {
        String path = requestPath.split("\\?")[0];
        String best = null;
        int bestParams = Integer.MAX_VALUE;
        for (Iterator<String> it = document.get("paths").fieldNames(); it.hasNext(); ) {
            String t = it.next();
            String regex = Pattern.quote(t).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            int params = t.split("\\{", -1).length - 1;
            if (path.matches(regex) && params < bestParams) {
                best = t;
                bestParams = params;
            }
        }
        return best;
    }

    /** The documented media type of an answer's type; parameters ({@code ; version=0.0.4}) do not count. */
    private static String matching(JsonNode content, String type) {
        if (type == null) {
            return null;
        }
        for (Iterator<String> it = content.fieldNames(); it.hasNext(); ) {
            String documented = it.next();
            String base = documented.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (base.equals(type) || base.equals("*/*")) {
                return documented;
            }
        }
        return null;
    }

    JsonNode at(String pointer) {
        JsonNode node = document.at(pointer);
        assertThat(node.isMissingNode()).as("the description has " + pointer).isFalse();
        return node;
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
