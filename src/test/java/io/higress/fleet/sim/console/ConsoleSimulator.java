package io.higress.fleet.sim.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Higress Console on 127.0.0.1 that answers like the real one (reference higress.md, console v2.2.4): GETs in the
 * {@code {"success","message","data"}} envelope (lists with {@code total/pageNum/pageSize}, 1-based), POST 201 and
 * PUT 200 with the raw object, DELETE 204, an EMPTY 404 for a missing GET, a 502 with the error body for "not found"
 * inside a service (PUT/DELETE of a missing object, the instance of an unknown plugin), 409 on a stale version, 400
 * on a missing field, 500 when deleting a domain that routes still use, HTTP Basic (split at EVERY ':' so a password
 * containing one fails) and the {@code _hi_sess} session login. {@link #oldConsole(boolean)} refuses Basic, as
 * consoles before v2.0.4 did. Every request is recorded.
 */
public final class ConsoleSimulator implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String VALIDATION = "com.alibaba.higress.sdk.exception.ValidationException: ";
    static final String CONFLICT = "com.alibaba.higress.sdk.exception.ResourceConflictException: ";
    static final String NOT_FOUND = "com.alibaba.higress.sdk.exception.NotFoundException: ";
    static final String BUSINESS = "com.alibaba.higress.sdk.exception.BusinessException: ";

    private final Vertx vertx;
    private final HttpServer server;
    private final String username;
    private final String password;
    private final AtomicLong versions = new AtomicLong(100);
    private final ConsoleCollection routes = new ConsoleCollection("route", true, versions);
    private final ConsoleCollection domains = new ConsoleCollection("domain", true, versions);
    private final ConsoleCollection sources = new ConsoleCollection("service source", false, versions);
    private final ConsoleCollection plugins = new ConsoleCollection("plugin", true, versions);
    private final ConsoleCollection instances = new ConsoleCollection("plugin instance", false, versions);
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private final AtomicReference<Canned> next = new AtomicReference<>();
    private volatile boolean oldConsole;
    private volatile boolean unreachable;
    private volatile String version = "2.2.4";

    private record Canned(int status, String body) {
    }

    public ConsoleSimulator(Vertx vertx, String username, String password) {
        this(vertx, username, password, 0);
    }

    /** Listening on 127.0.0.1:{@code port} (0: any free port; bin/simulated-fleet gives a known one). */
    public ConsoleSimulator(Vertx vertx, String username, String password, int port) {
        this.vertx = vertx;
        this.username = username;
        this.password = password;
        for (String builtIn : List.of("ai-proxy", "key-auth", "basic-auth")) {
            plugins.put(builtIn, JSON.createObjectNode().put("name", builtIn).put("builtIn", true)
                    .put("category", "custom").put("title", builtIn)
                    .put("imageRepository", "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/" + builtIn)
                    .put("imageVersion", "1.0.0").put("phase", "UNSPECIFIED_PHASE").put("priority", 100));
        }
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(req -> req.body().onSuccess(body -> handle(req, body.toString(StandardCharsets.UTF_8))));
        server.listen().toCompletionStage().toCompletableFuture().join();
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** A console before v2.0.4: HTTP Basic is not looked at, only the session cookie. */
    public ConsoleSimulator oldConsole(boolean old) {
        this.oldConsole = old;
        return this;
    }

    public ConsoleSimulator version(String v) {
        this.version = v;
        return this;
    }

    /** While set, every connection is closed without an answer (nothing recorded): a console that is down. */
    public ConsoleSimulator unreachable(boolean down) {
        this.unreachable = down;
        return this;
    }

    /** Forgets every session, as a console restart does: the next cookie call gets a 401. */
    public void expireSessions() {
        sessions.clear();
    }

    /** The next authenticated request is answered with this, whatever it asks. */
    public void answerNext(int status, String body) {
        next.set(new Canned(status, body));
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(recorded);
    }

    /** Requests other than GETs and logins: what the facade changed. */
    public List<RecordedRequest> writes() {
        return recorded.stream().filter(r -> !r.method().equals("GET") && !r.path().equals("/session/login")).toList();
    }

    public long logins() {
        return recorded.stream().filter(r -> r.path().equals("/session/login")).count();
    }

    public void clearRequests() {
        recorded.clear();
    }

    /** Seeds objects directly, without recording a request. */
    public ObjectNode seedRoute(ObjectNode route) {
        return routes.put(route.get("name").asText(), route);
    }

    public ObjectNode seedDomain(String name) {
        return domains.put(name, JSON.createObjectNode().put("name", name).put("enableHttps", "off"));
    }

    public ObjectNode route(String name) {
        return routes.get(name);
    }

    public ObjectNode source(String name) {
        return sources.get(name);
    }

    public ObjectNode plugin(String name) {
        return plugins.get(name);
    }

    public ObjectNode instance(String plugin) {
        return instances.get(plugin);
    }

    private void handle(HttpServerRequest req, String body) {
        if (unreachable) {
            req.connection().close();
            return;
        }
        String path = req.path();
        String auth = authOf(req);
        recorded.add(new RecordedRequest(req.method().name(), req.uri(), body, auth));
        if (path.equals("/healthz/ready")) {
            req.response().setStatusCode(200).end("ok");
            return;
        }
        if (path.equals("/session/login") && req.method().name().equals("POST")) {
            login(req, body);
            return;
        }
        if (path.equals("/system/info")) {
            envelope(req, JSON.createObjectNode().put("version", version).putNull("capabilities"));
            return;
        }
        if (!authenticated(req, auth)) {
            error(req, 401, "com.alibaba.higress.console.controller.exception.AuthException: Not logged in.");
            return;
        }
        Canned canned = next.getAndSet(null);
        if (canned != null) {
            req.response().setStatusCode(canned.status()).end(canned.body());
            return;
        }
        try {
            route(req, path, body.isBlank() ? null : JSON.readTree(body));
        } catch (Exception e) {
            error(req, 400, VALIDATION + "malformed body: " + e.getMessage());
        }
    }

    private void route(HttpServerRequest req, String path, JsonNode body) {
        String[] seg = path.substring(1).split("/");
        if (path.startsWith("/v1/global/plugin-instances/") && seg.length == 4) {
            pluginInstance(req, seg[3], body);
        } else if (path.startsWith("/v1/routes")) {
            crud(req, routes, seg, body);
        } else if (path.startsWith("/v1/domains")) {
            if (req.method().name().equals("DELETE") && seg.length == 3 && usedByRoutes(seg[2])) {
                error(req, 500, BUSINESS + "The domain is still used by routes: " + seg[2]);
                return;
            }
            crud(req, domains, seg, body);
        } else if (path.startsWith("/v1/service-sources")) {
            crud(req, sources, seg, body);
        } else if (path.startsWith("/v1/wasm-plugins")) {
            wasmPlugin(req, seg, body);
        } else {
            req.response().setStatusCode(404).end();
        }
    }

    private boolean usedByRoutes(String domain) {
        return routes.all().stream().anyMatch(r -> r.path("domains").toString().contains("\"" + domain + "\""));
    }

    private void wasmPlugin(HttpServerRequest req, String[] seg, JsonNode body) {
        String method = req.method().name();
        if (seg.length == 3 && !method.equals("GET") && plugins.get(seg[2]) != null
                && plugins.get(seg[2]).path("builtIn").asBoolean()) {
            error(req, 409, CONFLICT + "Built-in plugins cannot be changed: " + seg[2]);
            return;
        }
        crud(req, plugins, seg, body);
    }

    private void pluginInstance(HttpServerRequest req, String plugin, JsonNode body) {
        if (plugins.get(plugin) == null) {
            error(req, 502, NOT_FOUND + "Plugin not found: " + plugin);
            return;
        }
        switch (req.method().name()) {
            case "GET" -> {
                ObjectNode i = instances.get(plugin);
                envelope(req, i != null ? i : JSON.createObjectNode().put("pluginName", plugin).put("enabled", false));
            }
            case "PUT" -> {
                ObjectNode stored = instances.put(plugin, ((ObjectNode) body).put("scope", "GLOBAL")
                        .put("pluginName", plugin));
                raw(req, 200, stored);
            }
            case "DELETE" -> {
                instances.remove(plugin);
                req.response().setStatusCode(204).end();
            }
            default -> req.response().setStatusCode(405).end();
        }
    }

    private void crud(HttpServerRequest req, ConsoleCollection c, String[] seg, JsonNode body) {
        String method = req.method().name();
        String name = seg.length >= 3 ? seg[2] : null;
        if (name == null && method.equals("GET")) {
            list(req, c);
        } else if (name == null && method.equals("POST")) {
            String n = body == null ? null : body.path("name").asText(null);
            if (n == null || n.isEmpty()) {
                error(req, 400, VALIDATION + c.kind + " name is required.");
            } else if (c == routes && !body.path("path").isObject()) {
                error(req, 400, VALIDATION + "path is required.");
            } else if (c.get(n) != null) {
                error(req, 409, CONFLICT + "The " + c.kind + " already exists: " + n);
            } else {
                raw(req, 201, c.put(n, body));
            }
        } else if (name != null && method.equals("GET")) {
            ObjectNode o = c.get(name);
            if (o == null) {
                req.response().setStatusCode(404).end();
            } else {
                envelope(req, o);
            }
        } else if (name != null && method.equals("PUT")) {
            ObjectNode o = c.get(name);
            if (o == null) {
                error(req, 502, NOT_FOUND + c.kind + " not found: " + name);
            } else if (c.enforceVersion && !o.path("version").equals(body.path("version"))) {
                error(req, 409, CONFLICT + "Version conflict: the " + c.kind + " was changed, version "
                        + body.path("version").asText("<none>") + " is stale.");
            } else {
                raw(req, 200, c.put(name, ((ObjectNode) body).put("name", name)));
            }
        } else if (name != null && method.equals("DELETE")) {
            if (!c.remove(name)) {
                error(req, 502, NOT_FOUND + c.kind + " not found: " + name);
            } else {
                req.response().setStatusCode(204).end();
            }
        } else {
            req.response().setStatusCode(405).end();
        }
    }

    private void list(HttpServerRequest req, ConsoleCollection c) {
        List<ObjectNode> all = c.all();
        ObjectNode out = JSON.createObjectNode().put("success", true);
        String pageNum = req.getParam("pageNum");
        String pageSize = req.getParam("pageSize");
        List<ObjectNode> page = all;
        if (pageNum != null && pageSize != null) {
            int num = Integer.parseInt(pageNum);
            int size = Integer.parseInt(pageSize);
            int from = Math.min(all.size(), (num - 1) * size);
            page = new ArrayList<>(all.subList(from, Math.min(all.size(), from + size)));
            out.put("pageNum", num).put("pageSize", size);
        }
        ArrayNode data = out.putArray("data");
        page.forEach(data::add);
        out.put("total", all.size());
        req.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(out.toString());
    }

    private void login(HttpServerRequest req, String body) {
        try {
            JsonNode b = JSON.readTree(body);
            if (username.equals(b.path("username").asText()) && password.equals(b.path("password").asText())) {
                String session = UUID.randomUUID().toString();
                sessions.add(session);
                req.response().putHeader("Set-Cookie", "_hi_sess=" + session + "; Path=/; HttpOnly");
                envelope(req, JSON.createObjectNode().put("name", username).put("type", "admin"));
                return;
            }
        } catch (Exception e) {
            // falls through to the refusal
        }
        error(req, 401, "com.alibaba.higress.console.controller.exception.AuthException: Incorrect username or password.");
    }

    private boolean authenticated(HttpServerRequest req, String auth) {
        if (auth.equals(RecordedRequest.COOKIE)) {
            String cookie = req.getCookie("_hi_sess") == null ? null : req.getCookie("_hi_sess").getValue();
            return cookie != null && sessions.contains(cookie);
        }
        if (auth.equals(RecordedRequest.BASIC) && !oldConsole) {
            String pair = new String(Base64.getDecoder().decode(req.getHeader("Authorization").substring(6)),
                    StandardCharsets.UTF_8);
            // As the real console: split at every ':', so a password containing one never matches.
            String[] parts = pair.split(":");
            return parts.length == 2 && parts[0].equals(username) && parts[1].equals(password);
        }
        return false;
    }

    private static String authOf(HttpServerRequest req) {
        String authorization = req.getHeader("Authorization");
        if (authorization != null && authorization.startsWith("Basic ")) {
            return RecordedRequest.BASIC;
        }
        return req.getCookie("_hi_sess") != null ? RecordedRequest.COOKIE : RecordedRequest.NONE;
    }

    private static void envelope(HttpServerRequest req, JsonNode data) {
        ObjectNode out = JSON.createObjectNode().put("success", true).putNull("message");
        out.set("data", data);
        req.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(out.toString());
    }

    private static void raw(HttpServerRequest req, int status, JsonNode o) {
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(o.toString());
    }

    private static void error(HttpServerRequest req, int status, String message) {
        ObjectNode out = JSON.createObjectNode().put("success", false).put("message", message);
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(Buffer.buffer(out.toString()));
    }

    @Override
    public void close() {
        server.close().toCompletionStage().toCompletableFuture().join();
    }
}
