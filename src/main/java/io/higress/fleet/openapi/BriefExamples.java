package io.higress.fleet.openapi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The request bodies of the product brief's §3.1 and §3.2, verbatim, as the examples of the operations they show
 * (by a kind's plural and {@code create}/{@code update}). A kind without an example here is described all the same.
 */
final class BriefExamples {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Map<String, String> BODIES = Map.of(
            "routes/create", """
                    { "name": "example-route", "domain": ["example.com"], "paths": ["/api/*"], \
                    "serviceName": "example-service", "servicePort": 8080 }""",
            "routes/update", """
                    {"domain": ["new-example.com"]}""",
            "plugins/create", """
                    { "name": "ai-proxy", "type": "WasmPlugin", "phase": "DEFAULT", "priority": 300, \
                    "config": { "services": [{ "provider": "openai", "api_tokens": ["sk-xxx"], \
                    "endpoint": "https://api.openai.com/v1" }] } }""",
            "mcp-bridges/create", """
                    { "name": "nacos-bridge", "nacos": [{ "name": "nacos-prod", \
                    "address": "nacos-prod.example.com:8848", "namespaceId": "prod" }] }""");

    private BriefExamples() {
    }

    static Optional<Object> of(String plural, String use) {
        return Optional.ofNullable(BODIES.get(plural + "/" + use)).map(BriefExamples::parse);
    }

    private static Object parse(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
