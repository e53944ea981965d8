package io.higress.fleet.sim.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.sim.WriteFault;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Higress Console on 127.0.0.1 that answers like the real one (reference higress.md, "Observed on a running
 * console", and the console's controllers): GETs in the {@code {"success","message","data"}} envelope (lists with
 * {@code total/pageNum/pageSize}, 1-based, echoed or null), POST 201 and PUT 200 with the raw object, DELETE 204
 * (a missing object too), an EMPTY 404 for a missing GET, {@code ResourceConflictException: null} for both an
 * existing name and a stale version, a PUT of a missing route 500 {@code ApiException: Not Found}, the sdk's
 * validation 400s, the 52 built-in plugins, the start-up objects (landing route {@code default}, the internal
 * {@code key-auth} instance), {@code /system/info} and {@code /healthz/ready} raw. Login: {@code POST /session/login}
 * → 201 with the raw user and a stateless {@code _hi_sess} cookie (valid until the key or password changes, across
 * {@link #restart() restarts}); HTTP Basic split at EVERY ':' (a password containing one fails); 401
 * {@code AuthException: Login required.} {@link #oldConsole(boolean)} refuses Basic, as consoles before v2.0.4 did.
 * Every request is recorded.
 */
public final class ConsoleSimulator implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private volatile HttpServer server;
    private volatile int port;
    private final String username;
    private final String password;
    private volatile byte[] sessionKey = newKey();
    private final ConsoleObjects objects = new ConsoleObjects();
    private final ConsoleServices services = new ConsoleServices();
    private final ScopedInstances scoped = new ScopedInstances(objects, services);
    private final AiProviders providers = new AiProviders();
    private final ConsoleConsumers consumers = new ConsoleConsumers(objects.internal);
    private final AiRoutes aiRoutes = new AiRoutes(new ConsoleCollection(objects.versions), providers);
    private final McpServers mcpServers = new McpServers(consumers);
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private final AtomicReference<Canned> next = new AtomicReference<>();
    private final AtomicReference<WriteFault> writeFault = new AtomicReference<>();
    /** Reads held by {@link #holdReads} (guarded by itself, with the two fields below). */
    private final java.util.ArrayDeque<Runnable> held = new java.util.ArrayDeque<>();
    private String holdSuffix;
    private int mostHeld;
    private volatile boolean oldConsole;
    private volatile boolean unreachable;
    private volatile String version = "2.2.4";

    public ConsoleSimulator(Vertx vertx, String username, String password) {
        this(vertx, username, password, 0);
    }

    /** Listening on 127.0.0.1:{@code port} (0: any free port; bin/simulated-fleet gives a known one). */
    public ConsoleSimulator(Vertx vertx, String username, String password, int port) {
        this.vertx = vertx;
        this.username = username;
        this.password = password;
        seedStartUpObjects();
        listen(port);
    }

    /** What the console creates at start-up: its landing route and the internal key-auth instance. */
    private void seedStartUpObjects() {
        ObjectNode landing = JSON.createObjectNode().put("name", "default");
        landing.putArray("domains");
        landing.putObject("path").put("matchType", "PRE").put("matchValue", "/");
        landing.putArray("services").addObject().put("name", "higress-console.higress-system.svc.cluster.local")
                .put("port", 8080).put("weight", 100);
        objects.routes.put("default", landing);
        ObjectNode keyAuth = JSON.createObjectNode().put("enabled", true);
        keyAuth.putObject("configurations").put("global_auth", false).putArray("consumers");
        objects.internal.put("key-auth", keyAuth);
    }

    private void listen(int onPort) {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(onPort))
                .requestHandler(req -> req.body().onSuccess(body -> handle(req, body.toString(StandardCharsets.UTF_8))));
        server.listen().toCompletionStage().toCompletableFuture().join();
        port = server.actualPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops and starts the console on the same port, keeping its objects and key: sessions stay valid. */
    public void restart() {
        server.close().toCompletionStage().toCompletableFuture().join();
        listen(port);
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

    /** A new session key (the console's Secret changed): every cookie issued before is refused with a 401. */
    public void rotateSessionKey() {
        sessionKey = newKey();
    }

    /** A canned answer for the next authenticated request of {@code method} (null: any). */
    private record Canned(String method, ConsoleAnswer answer) {
    }

    /** The next authenticated request is answered with this, whatever it asks. */
    public void answerNext(int status, String body) {
        answerNext(null, status, body);
    }

    /** The next authenticated request with this method (e.g. the PUT after a read) is answered with this. */
    public void answerNext(String method, int status, String body) {
        ConsoleAnswer answer;
        try {
            answer = new ConsoleAnswer(status, body == null || body.isEmpty() ? null : JSON.readTree(body));
        } catch (java.io.IOException e) {
            answer = new ConsoleAnswer(status, JSON.getNodeFactory().textNode(body));
        }
        next.set(new Canned(method, answer));
    }

    /** The next authenticated write matching {@code fault} is stored (or not) and then answered late or not at all. */
    public void failNextWrite(WriteFault fault) {
        writeFault.set(fault);
    }

    /** Answers again after a {@link WriteFault#thenDown()}; a fault that has not fired is dropped. */
    public void clearWriteFault() {
        writeFault.set(null);
        unreachable = false;
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

    /**
     * GETs whose path ends with {@code suffix} are held unanswered until {@link #releaseRead()}: how many reads a
     * client has in flight at once is {@link #heldReads()} ({@link #mostHeldAtOnce()} the most so far).
     */
    public void holdReads(String suffix) {
        synchronized (held) {
            mostHeld = 0;
            holdSuffix = suffix;
        }
    }

    public int heldReads() {
        synchronized (held) {
            return held.size();
        }
    }

    public int mostHeldAtOnce() {
        synchronized (held) {
            return mostHeld;
        }
    }

    /** Answers the oldest held read; false when none is held. */
    public boolean releaseRead() {
        Runnable r;
        synchronized (held) {
            r = held.poll();
        }
        if (r != null) {
            r.run();
        }
        return r != null;
    }

    /** Holds no more reads and answers those held. */
    public void stopHolding() {
        synchronized (held) {
            holdSuffix = null;
        }
        while (releaseRead()) {
            // each answered on its connection's context
        }
    }

    /**
     * Forgets the AI gateway's objects (providers, AI routes, consumers, MCP servers) and the registry's services: a
     * test starts without any.
     */
    public void clearAi() {
        providers.clear();
        consumers.clear();
        aiRoutes.clear();
        mcpServers.clear();
        services.clear();
    }

    /** higress-config's mcpServer.redis.address as the console's cluster holds it (null: no section yet). */
    public void mcpRedis(String address) {
        mcpServers.redis(address);
    }

    /** An MCP server as the console stores it (the body of its last save), or null. */
    public ObjectNode mcpServer(String name) {
        return mcpServers.stored(name);
    }

    /** Seeds a route directly (as the console UI would write it), without recording a request. */
    public ObjectNode seedRoute(ObjectNode route) {
        ObjectNode r = route.deepCopy();
        r.remove("version");
        return objects.routes.put(route.get("name").asText(), r);
    }

    /**
     * A service of the gateway's registry, as {@code /v1/services} lists it ({@code port} null for a registry's
     * service without ports): a plugin instance may target it.
     */
    public void seedService(String name, String namespace, Integer port) {
        services.seed(name, namespace, port);
    }

    /** Seeds a domain as the console UI would create it (HTTPS off), without recording a request. */
    public void seedDomain(String name) {
        objects.domains.handle("POST", null, JSON.createObjectNode().put("name", name).put("enableHttps", "off"));
    }

    /** A domain as the console answers it, or null. */
    public ObjectNode domain(String name) {
        return objects.domains.all().stream().filter(d -> d.path("name").asText().equals(name)).findFirst()
                .orElse(null);
    }

    /** A certificate as the console holds it, certificate and key included (no answer of its shows them), or null. */
    public ObjectNode certificate(String name) {
        return objects.certificates.stored(name);
    }

    /** The route as the console reads it back, or null. */
    public ObjectNode route(String name) {
        ObjectNode r = objects.routes.get(name);
        return r == null ? null : ConsoleObjects.route(r);
    }

    public ObjectNode source(String name) {
        ObjectNode s = objects.sources.get(name);
        return s == null ? null : objects.source(s);
    }

    /** A proxy server as the console answers it, or null. */
    public ObjectNode proxyServer(String name) {
        ObjectNode p = objects.proxies.get(name);
        return p == null ? null : objects.proxy(p);
    }

    /** Forgets every service source and proxy server (the McpBridge {@code default}): a test starts without any. */
    public void clearBridge() {
        objects.sources.all().forEach(s -> objects.sources.remove(s.path("name").asText()));
        objects.proxies.all().forEach(p -> objects.proxies.remove(p.path("name").asText()));
    }

    /** A custom plugin's definition, or null (built-ins are not stored). */
    public ObjectNode plugin(String name) {
        return objects.customPlugins.get(name);
    }

    /** The stored global instance of a built-in plugin ({@code enabled}, {@code configurations}), or null. */
    public ObjectNode instance(String plugin) {
        return objects.instances.get(plugin);
    }

    /** The ai-proxy entry the console stores for a provider (its raw configurations and modelled fields), or null. */
    public ObjectNode providerEntry(String name) {
        return providers.entry(name);
    }

    /** The key-auth entry the console stores for a consumer ({@code name, keys, in_header, ...}), or null. */
    public ObjectNode consumerEntry(String name) {
        return consumers.entry(name);
    }

    /** A route's key-auth allow list names these consumers (as the console's allow-list API sets it). */
    public void allowConsumers(String route, List<String> names) {
        consumers.allow(route, names);
    }

    /** An AI route as the console stores it (its ConfigMap's document, with its version), or null. */
    public ObjectNode aiRoute(String name) {
        return aiRoutes.stored(name);
    }

    /** The stored instance of {@code plugin} at {@code scope} (DOMAIN, ROUTE, SERVICE) and {@code target}, or null. */
    public ObjectNode scopedInstance(String scope, String target, String plugin) {
        return scoped.stored(scope, target, plugin);
    }

    /** The console's own (internal) instance of a plugin, which its instance API never shows. */
    public ObjectNode internalInstance(String plugin) {
        return objects.internal.get(plugin);
    }

    private void handle(HttpServerRequest req, String body) {
        io.vertx.core.Context context = vertx.getOrCreateContext();
        synchronized (held) {
            if (holdSuffix != null && req.method().name().equals("GET") && req.path().endsWith(holdSuffix)) {
                held.add(() -> context.runOnContext(v -> answer(req, body)));
                mostHeld = Math.max(mostHeld, held.size());
                return;
            }
        }
        answer(req, body);
    }

    private void answer(HttpServerRequest req, String body) {
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
            send(req, login(req, body));
            return;
        }
        if (!authenticated(req, auth)) {
            send(req, ConsoleAnswer.error(401, ConsoleAnswer.AUTH + "Login required."));
            return;
        }
        if (path.equals("/system/info")) {
            ObjectNode info = JSON.createObjectNode().put("version", version);
            info.putArray("capabilities");
            send(req, ConsoleAnswer.raw(200, info));
            return;
        }
        Canned canned = next.get();
        if (canned != null && (canned.method() == null || canned.method().equals(req.method().name()))
                && next.compareAndSet(canned, null)) {
            send(req, canned.answer());
            return;
        }
        JsonNode json;
        try {
            json = body.isBlank() ? null : JSON.readTree(body);
        } catch (Exception e) {
            send(req, ConsoleAnswer.invalid("malformed body: " + e.getMessage()));
            return;
        }
        WriteFault fault = writeFault.get();
        if (fault != null && fault.matches(req.method().name(), path) && writeFault.compareAndSet(fault, null)) {
            ConsoleAnswer answer = fault.stored() ? route(req, path, json) : null;
            unreachable = unreachable || fault.downAfter();
            if (fault.reset()) {
                req.connection().close();
            } else {
                vertx.setTimer(Math.max(1, fault.delay().toMillis()), t -> {
                    if (answer == null) {
                        req.connection().close();
                    } else if (!req.response().closed()) {
                        send(req, answer);
                    }
                });
            }
            return;
        }
        send(req, route(req, path, json));
    }

    private ConsoleAnswer route(HttpServerRequest req, String path, JsonNode body) {
        String[] seg = path.substring(1).split("/");
        String method = req.method().name();
        String name = seg.length >= 3 ? seg[2] : null;
        if (path.startsWith("/v1/global/plugin-instances/") && seg.length == 4) {
            return objects.instance(method, seg[3], body);
        }
        if (path.equals("/v1/global/plugin-instances")) {
            return orList(req, "GET".equals(method) ? null : ConsoleAnswer.empty(405), objects::listedGlobalInstances);
        }
        if ((seg.length == 4 || seg.length == 5) && seg[0].equals("v1") && seg[3].equals("plugin-instances")) {
            return orList(req, scoped.handle(method, seg[1], seg[2], seg.length == 5 ? seg[4] : null, body),
                    () -> scoped.listed(seg[1], seg[2]));
        }
        if (path.startsWith("/v1/ai/") && seg.length <= 4) {
            String item = seg.length == 4 ? seg[3] : null;
            return switch (seg[2]) {
                case "providers" -> orList(req, providers.handle(method, item, body), providers::all);
                case "routes" -> orList(req, aiRoutes.handle(method, item, body), aiRoutes::all);
                default -> ConsoleAnswer.empty(404);
            };
        }
        if (seg.length >= 2 && seg.length <= 3 && seg[0].equals("v1") && seg[1].equals("mcpServer")) {
            return orList(req, mcpServers.handle(method, name, body, req.query()), mcpServers::all);
        }
        if (seg.length > 3 || seg.length < 2 || !seg[0].equals("v1")) {
            return ConsoleAnswer.empty(404);
        }
        return switch (seg[1]) {
            case "routes" -> orList(req, objects.routes(method, name, body),
                    () -> objects.routes.all().stream().map(ConsoleObjects::route).toList());
            case "service-sources" -> orList(req, objects.sources(method, name, body), objects::listedSources);
            case "proxy-servers" -> orList(req, objects.proxies(method, name, body), objects::listedProxies);
            case "wasm-plugins" -> orList(req, objects.plugins(method, name, body), objects::listedPlugins);
            case "domains" -> orList(req, objects.domains.handle(method, name, body), objects.domains::all);
            case "tls-certificates" -> orList(req, objects.certificates.handle(method, name, body),
                    objects.certificates::listed);
            case "consumers" -> orList(req, consumers.handle(method, name, body), consumers::all);
            case "services" -> name != null ? ConsoleAnswer.empty(404)
                    : orList(req, "GET".equals(method) ? null : ConsoleAnswer.empty(405), services::listed);
            default -> ConsoleAnswer.empty(404);
        };
    }

    /** A null answer is a list request: the paged envelope, pageNum/pageSize echoed (null when absent). */
    private static ConsoleAnswer orList(HttpServerRequest req, ConsoleAnswer answer, Supplier<List<ObjectNode>> all) {
        if (answer != null) {
            return answer;
        }
        List<ObjectNode> items = all.get();
        ObjectNode out = JSON.createObjectNode().put("success", true).putNull("message");
        String pageNum = req.getParam("pageNum");
        String pageSize = req.getParam("pageSize");
        List<ObjectNode> page = items;
        if (pageNum != null && pageSize != null) {
            int num = Integer.parseInt(pageNum);
            int size = Integer.parseInt(pageSize);
            int from = Math.min(items.size(), (num - 1) * size);
            page = new ArrayList<>(items.subList(from, Math.min(items.size(), from + size)));
            out.put("pageNum", num).put("pageSize", size);
        } else {
            out.putNull("pageNum").putNull("pageSize");
        }
        out.set("data", ConsoleObjects.array(page));
        out.put("total", items.size());
        return ConsoleAnswer.raw(200, out);
    }

    private ConsoleAnswer login(HttpServerRequest req, String body) {
        JsonNode b;
        try {
            b = JSON.readTree(body);
        } catch (Exception e) {
            return ConsoleAnswer.invalid("malformed body");
        }
        String user = ConsoleObjects.text(b, "username");
        String pass = ConsoleObjects.text(b, "password");
        if (user == null || pass == null) {
            return ConsoleAnswer.invalid("Missing user name or password.");
        }
        if (!username.equals(user) || !password.equals(pass)) {
            return ConsoleAnswer.error(401, ConsoleAnswer.AUTH + "Incorrect username or password");
        }
        req.response().putHeader("Set-Cookie", "_hi_sess=" + token() + "; Max-Age=2592000; Path=/; HttpOnly");
        ObjectNode u = JSON.createObjectNode().put("name", username).putNull("password").put("displayName", username);
        u.putNull("avatarUrl");
        return ConsoleAnswer.raw(201, u);
    }

    /** Stateless, like the console's: the user signed with the key and the password. */
    private String token() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionKey, "HmacSHA256"));
            byte[] sig = mac.doFinal((username + "\n" + password).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(username.getBytes(StandardCharsets.UTF_8))
                    + "." + HexFormat.of().formatHex(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean authenticated(HttpServerRequest req, String auth) {
        if (auth.equals(RecordedRequest.COOKIE)) {
            return token().equals(req.getCookie("_hi_sess").getValue());
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

    private static void send(HttpServerRequest req, ConsoleAnswer a) {
        var response = req.response().setStatusCode(a.status());
        if (a.body() == null) {
            response.end();
        } else {
            response.putHeader("Content-Type", "application/json").end(a.body().toString());
        }
    }

    private static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Override
    public void close() {
        server.close().toCompletionStage().toCompletableFuture().join();
    }
}
