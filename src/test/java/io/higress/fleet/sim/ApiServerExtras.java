package io.higress.fleet.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a real API server answers and fabric8's CRUD mock does not, so that {@code kubectl} works against a
 * simulated cluster (bin/bootstrap-target-cluster is tested so): API discovery ({@code /api}, {@code /api/v1},
 * {@code /apis}, {@code /apis/GROUP/VERSION}) for the kinds the simulation holds, and service account tokens
 * ({@code POST .../serviceaccounts/NAME/token}, a TokenRequest). Everything else goes to the CRUD dispatcher.
 */
final class ApiServerExtras extends Dispatcher {

    private static final Pattern TOKEN_REQUEST =
            Pattern.compile("/api/v1/namespaces/([^/]+)/serviceaccounts/([^/]+)/token");

    /** group/version → resources: {name, kind, namespaced, verbs}. */
    private static final Map<String, List<Resource>> RESOURCES = Map.of(
            "v1", List.of(new Resource("pods", "Pod", true), new Resource("pods/portforward", "PodPortForwardOptions",
                            true, "create", "get"),
                    new Resource("services", "Service", true), new Resource("serviceaccounts", "ServiceAccount", true),
                    new Resource("serviceaccounts/token", "TokenRequest", true, "create"),
                    new Resource("secrets", "Secret", true), new Resource("configmaps", "ConfigMap", true),
                    new Resource("namespaces", "Namespace", false)),
            "rbac.authorization.k8s.io/v1", List.of(new Resource("roles", "Role", true),
                    new Resource("rolebindings", "RoleBinding", true),
                    new Resource("clusterroles", "ClusterRole", false),
                    new Resource("clusterrolebindings", "ClusterRoleBinding", false)),
            "networking.k8s.io/v1", List.of(new Resource("ingresses", "Ingress", true),
                    new Resource("ingressclasses", "IngressClass", false)),
            "extensions.higress.io/v1alpha1", List.of(new Resource("wasmplugins", "WasmPlugin", true)),
            "networking.higress.io/v1", List.of(new Resource("mcpbridges", "McpBridge", true),
                    new Resource("http2rpcs", "Http2Rpc", true)));

    private record Resource(String name, String kind, boolean namespaced, String... verbs) {
        Resource(String name, String kind, boolean namespaced) {
            this(name, kind, namespaced, "create", "delete", "get", "list", "patch", "update", "watch");
        }
    }

    private final Dispatcher delegate;
    /** Tokens issued, per "namespace/serviceaccount", newest last. */
    private final Map<String, List<String>> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    ApiServerExtras(Dispatcher delegate) {
        this.delegate = delegate;
    }

    /** The tokens issued for a service account so far, oldest first. */
    List<String> tokens(String namespace, String serviceAccount) {
        return List.copyOf(tokens.getOrDefault(namespace + "/" + serviceAccount, List.of()));
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath() == null ? "/" : request.getPath().replaceFirst("\\?.*", "");
        if ("GET".equals(request.getMethod())) {
            JsonNode discovery = discovery(path);
            if (discovery != null) {
                return json(200, discovery);
            }
            JsonNode openApi = openApiV3(path);
            if (openApi != null) {
                return json(200, openApi);
            }
        }
        Matcher token = TOKEN_REQUEST.matcher(path);
        if ("POST".equals(request.getMethod()) && token.matches()) {
            return tokenRequest(token.group(1), token.group(2), request);
        }
        return delegate.dispatch(request);
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    private static JsonNode discovery(String path) {
        if (path.equals("/api")) {
            return Json.obj("kind", "APIVersions", "versions", List.of("v1"), "serverAddressByClientCIDRs",
                    List.of(Json.obj("clientCIDR", "0.0.0.0/0", "serverAddress", "localhost")));
        }
        if (path.equals("/apis")) {
            ArrayNode groups = Json.arr();
            RESOURCES.keySet().stream().filter(gv -> gv.contains("/")).sorted().forEach(gv -> {
                String group = gv.substring(0, gv.indexOf('/'));
                ObjectNode version = Json.obj("groupVersion", gv, "version", gv.substring(gv.indexOf('/') + 1));
                groups.add(Json.obj("name", group, "versions", Json.arr(version), "preferredVersion", version));
            });
            return Json.obj("kind", "APIGroupList", "apiVersion", "v1", "groups", groups);
        }
        String groupVersion = path.equals("/api/v1") ? "v1" : path.startsWith("/apis/") ? path.substring(6) : null;
        List<Resource> resources = groupVersion == null ? null : RESOURCES.get(groupVersion);
        if (resources == null) {
            return null;
        }
        ArrayNode list = Json.arr();
        for (Resource r : resources) {
            list.add(Json.obj("name", r.name(), "singularName", "", "namespaced", r.namespaced(), "kind", r.kind(),
                    "verbs", List.of(r.verbs())));
        }
        return Json.obj("kind", "APIResourceList", "apiVersion", "v1", "groupVersion", groupVersion,
                "resources", list);
    }

    /**
     * Just enough OpenAPI v3 for kubectl's validation: each group/version lists its resources' PATCH operations
     * with the {@code fieldValidation} parameter, so kubectl leaves validation to the server (as it does against
     * a real one since 1.27) instead of downloading schemas. No schemas: kubectl's own types cover the patches.
     */
    private static JsonNode openApiV3(String path) {
        if (path.equals("/openapi/v3")) {
            ObjectNode paths = Json.obj();
            RESOURCES.keySet().forEach(gv -> paths.set(prefix(gv).substring(1),
                    Json.obj("serverRelativeURL", "/openapi/v3" + prefix(gv))));
            return Json.obj("paths", paths);
        }
        String gv = RESOURCES.keySet().stream().filter(g -> path.equals("/openapi/v3" + prefix(g))).findFirst()
                .orElse(null);
        if (gv == null) {
            return null;
        }
        String group = gv.contains("/") ? gv.substring(0, gv.indexOf('/')) : "";
        String version = gv.substring(gv.indexOf('/') + 1);
        ObjectNode paths = Json.obj();
        for (Resource r : RESOURCES.get(gv)) {
            if (r.name().contains("/")) {
                continue;
            }
            ObjectNode patch = Json.obj("x-kubernetes-group-version-kind",
                    Json.obj("group", group, "version", version, "kind", r.kind()),
                    "parameters", Json.arr(Json.obj("name", "fieldValidation", "in", "query",
                            "schema", Json.obj("type", "string"))));
            paths.set(prefix(gv) + (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.name() + "/{name}",
                    Json.obj("patch", patch));
        }
        return Json.obj("openapi", "3.0.0", "info", Json.obj("title", "Kubernetes", "version", "v1.32.0"),
                "paths", paths);
    }

    private static String prefix(String groupVersion) {
        return groupVersion.contains("/") ? "/apis/" + groupVersion : "/api/" + groupVersion;
    }

    /** A TokenRequest answered like a real API server: the spec back, a new token and its expiry; 404 without the SA. */
    private MockResponse tokenRequest(String namespace, String serviceAccount, RecordedRequest request) {
        String account = "/api/v1/namespaces/" + namespace + "/serviceaccounts/" + serviceAccount;
        MockResponse stored = delegate.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, account,
                Headers.builder().build(), new Buffer()));
        if (stored.code() == 404) {
            return json(404, Json.obj("kind", "Status", "apiVersion", "v1", "status", "Failure",
                    "message", "serviceaccounts \"" + serviceAccount + "\" not found", "reason", "NotFound",
                    "code", 404));
        }
        long seconds;
        try {
            seconds = expirationSeconds(request.getBody().getBytes());
        } catch (IOException | RuntimeException e) {
            return json(400, Json.obj("kind", "Status", "apiVersion", "v1", "status", "Failure",
                    "message", "invalid TokenRequest: " + e.getMessage(), "reason", "BadRequest", "code", 400));
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = "sim-sa-" + serviceAccount + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.computeIfAbsent(namespace + "/" + serviceAccount, k -> new CopyOnWriteArrayList<>()).add(token);
        ObjectNode answer = Json.obj("kind", "TokenRequest", "apiVersion", "authentication.k8s.io/v1",
                "spec", Json.obj("expirationSeconds", seconds));
        answer.set("metadata", Json.obj("name", serviceAccount, "namespace", namespace,
                "creationTimestamp", Instant.now().toString()));
        answer.set("status", Json.obj("token", token,
                "expirationTimestamp", Instant.now().plusSeconds(seconds).toString()));
        return json(201, answer);
    }

    /**
     * {@code spec.expirationSeconds} of a TokenRequest (default 3600), sent as JSON or, as kubectl does, as
     * Kubernetes protobuf: "k8s\0", a runtime.Unknown whose field 2 holds the TokenRequest, whose field 2 (spec)
     * holds field 4 (expirationSeconds).
     */
    static long expirationSeconds(byte[] body) throws IOException {
        if (body.length > 4 && body[0] == 'k' && body[1] == '8' && body[2] == 's' && body[3] == 0) {
            byte[] tokenRequest = protoField(java.util.Arrays.copyOfRange(body, 4, body.length), 2);
            byte[] spec = tokenRequest == null ? null : protoField(tokenRequest, 2);
            byte[] seconds = spec == null ? null : protoField(spec, 4);
            return seconds == null ? 3600 : new java.math.BigInteger(1, seconds).longValue();
        }
        JsonNode json = Json.MAPPER.readTree(body);
        return json == null ? 3600 : json.path("spec").path("expirationSeconds").asLong(3600);
    }

    /** The last value of a protobuf field: a length-delimited field's bytes, a varint's value as big-endian bytes. */
    private static byte[] protoField(byte[] message, int number) throws IOException {
        byte[] found = null;
        int[] at = {0};
        while (at[0] < message.length) {
            long key = varint(message, at);
            int wireType = (int) (key & 7);
            if (wireType == 0) {
                long v = varint(message, at);
                if (key >>> 3 == number) {
                    found = java.math.BigInteger.valueOf(v).toByteArray();
                }
            } else if (wireType == 2) {
                int length = (int) varint(message, at);
                if (length < 0 || at[0] + length > message.length) {
                    throw new IOException("truncated protobuf field " + (key >>> 3));
                }
                if (key >>> 3 == number) {
                    found = java.util.Arrays.copyOfRange(message, at[0], at[0] + length);
                }
                at[0] += length;
            } else if (wireType == 1 || wireType == 5) {
                at[0] += wireType == 1 ? 8 : 4;
            } else {
                throw new IOException("unsupported protobuf wire type " + wireType);
            }
        }
        return found;
    }

    private static long varint(byte[] b, int[] at) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= b.length) {
                throw new IOException("truncated protobuf varint");
            }
            byte next = b[at[0]++];
            value |= (long) (next & 0x7f) << shift;
            if ((next & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("protobuf varint too long");
    }

    private static MockResponse json(int status, JsonNode body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody(body.toString());
    }
}
