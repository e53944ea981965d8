package io.higress.fleet.upstream.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.cluster.ClusterChange;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.upstream.CallOptions;
import io.higress.fleet.upstream.UpstreamException;
import io.higress.fleet.upstream.UpstreamGuards;
import io.higress.fleet.upstream.UpstreamRef;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The real Higress Console API of each console-managed cluster, through THE door ({@link UpstreamGuards}) with the
 * console's guard. Speaks both answer shapes ({@link ConsoleEnvelope}), reads every page of a list, authenticates
 * ({@link ConsoleSession}: Basic, or the session cookie for old consoles, one re-authentication on a 401) and turns
 * the console's quirks into the facade's problems ({@link ConsoleErrors}). Paths are the console's ({@code /v1/...}).
 */
@ApplicationScoped
public class HigressConsoleClient {
    private static final Logger LOG = Logger.getLogger(HigressConsoleClient.class);
    static final String LOGIN = "/session/login";
    private static final int MAX_ANSWER = 16 * 1024 * 1024;
    /** Bounds one answer's size; the console's lists are small (one object per route, plugin, source). */
    static final int PAGE_SIZE = 100;

    private final FleetConfig config;
    private final UpstreamGuards guards;
    private final ConsolePasswords passwords;
    private final HttpClient http;
    private final int pageSize;
    private final ConcurrentHashMap<String, ConsoleSession> sessions = new ConcurrentHashMap<>();

    @Inject
    public HigressConsoleClient(FleetConfig config, UpstreamGuards guards, ConsolePasswords passwords, Vertx vertx) {
        this(config, guards, passwords, vertx, PAGE_SIZE);
    }

    /** Tests page with smaller pages. */
    HigressConsoleClient(FleetConfig config, UpstreamGuards guards, ConsolePasswords passwords, Vertx vertx,
            int pageSize) {
        this.config = config;
        this.guards = guards;
        this.passwords = passwords;
        this.pageSize = pageSize;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(8)
                .setKeepAlive(true)
                .setConnectTimeout(2_000));
    }

    /** A registered cluster changed or went: its console session (another console, other credentials) goes. */
    void changed(@Observes ClusterChange change) {
        sessions.remove(change.name());
    }

    /** GET one object, envelope unwrapped; a missing one is a 404 problem. */
    public Uni<JsonNode> get(String cluster, String path) {
        return call(cluster, CallOptions.READ, ConsoleRequest.get(path), false).map(a -> ConsoleEnvelope.data(a.json()));
    }

    /** GET one object; empty when the console says it does not exist (empty 404, or its 502 "not found"). */
    public Uni<Optional<JsonNode>> find(String cluster, String path) {
        return call(cluster, CallOptions.READ, ConsoleRequest.get(path), true)
                .map(a -> a == null ? Optional.empty() : Optional.of(ConsoleEnvelope.data(a.json())));
    }

    /** Every item of a list, page by page ({@code pageNum} is 1-based), each page a guarded read of its own. */
    public Uni<List<JsonNode>> list(String cluster, String path) {
        return pagesFrom(cluster, path, 1, new ArrayList<>());
    }

    private Uni<List<JsonNode>> pagesFrom(String cluster, String path, int pageNum, List<JsonNode> collected) {
        String paged = path + (path.contains("?") ? "&" : "?") + "pageNum=" + pageNum + "&pageSize=" + pageSize;
        return call(cluster, CallOptions.READ, ConsoleRequest.get(paged), false).flatMap(a -> {
            ConsoleEnvelope.Page page = ConsoleEnvelope.page(a.json());
            collected.addAll(page.items());
            // A console that ignores paging answers everything at once: total is then reached on the first page.
            boolean more = !page.items().isEmpty() && page.items().size() >= pageSize
                    && (page.total() == null || collected.size() < page.total());
            return more ? pagesFrom(cluster, path, pageNum + 1, collected) : Uni.createFrom().item(List.copyOf(collected));
        });
    }

    /** POST a new object; the console answers 201 with the raw object (its {@code version} included). */
    public Uni<JsonNode> post(String cluster, String path, JsonNode body) {
        return call(cluster, CallOptions.WRITE, new ConsoleRequest(HttpMethod.POST, path, body), false)
                .map(a -> ConsoleEnvelope.data(a.json()));
    }

    /** PUT a whole object; the console answers 200 with the raw object. */
    public Uni<JsonNode> put(String cluster, String path, JsonNode body) {
        return call(cluster, CallOptions.WRITE, new ConsoleRequest(HttpMethod.PUT, path, body), false)
                .map(a -> ConsoleEnvelope.data(a.json()));
    }

    /** DELETE; the console answers 204. */
    public Uni<Void> delete(String cluster, String path) {
        return call(cluster, CallOptions.WRITE, new ConsoleRequest(HttpMethod.DELETE, path, null), false)
                .replaceWithVoid();
    }

    /**
     * Reachability ({@code /healthz/ready}) and version ({@code /system/info}). Never fails: what went wrong is in
     * {@link ConsoleStatus#error()}.
     */
    public Uni<ConsoleStatus> status(String cluster) {
        String url;
        try {
            url = passwords.console(cluster).url();
        } catch (ProblemException e) {
            return Uni.createFrom().item(new ConsoleStatus(null, false, null, e.problem().detail()));
        }
        Uni<Boolean> ready = call(cluster, CallOptions.READ, ConsoleRequest.get("/healthz/ready"), false)
                .replaceWith(true);
        return ready.flatMap(ok -> get(cluster, "/system/info")
                        .map(info -> new ConsoleStatus(url, true, text(info.path("version")), null))
                        .onFailure(ProblemException.class).recoverWithItem(e -> new ConsoleStatus(url, true, null,
                                ((ProblemException) e).problem().detail())))
                .onFailure(ProblemException.class).recoverWithItem(e -> new ConsoleStatus(url, false, null,
                        ((ProblemException) e).problem().detail()));
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }

    /**
     * One console call in one guard: authentication inside each attempt, the answer's status translated by
     * {@link ConsoleErrors}, and the resulting problem refined with what the console literally said.
     *
     * @param missingIsAnswer a "not found" answers null instead of failing
     */
    private Uni<ConsoleAnswer> call(String cluster, CallOptions options, ConsoleRequest request,
            boolean missingIsAnswer) {
        return Uni.createFrom().deferred(() -> {
            ConsoleAddress address = ConsoleAddress.of(passwords.console(cluster).url());
            UpstreamRef ref = UpstreamRef.console(cluster);
            long timeoutMs = guards.policy(ref).timeout().toMillis();
            AtomicReference<ConsoleFailure> failure = new AtomicReference<>();
            return passwords.credentials(cluster).flatMap(credentials -> guards.call(ref, options, () -> {
                failure.set(null);
                return authenticated(cluster, address, credentials, request, timeoutMs)
                        .map(answer -> {
                            if (answer.status() >= 200 && answer.status() < 300) {
                                return answer;
                            }
                            ConsoleFailure f = ConsoleErrors.failure(cluster, request, answer);
                            if (missingIsAnswer && f.status() == 404) {
                                return null;
                            }
                            throw f;
                        })
                        .onFailure(ConsoleFailure.class).invoke(t -> failure.set((ConsoleFailure) t));
            })).onFailure().transform(t -> ConsoleErrors.refine(t, failure.get(), ref.id()));
        });
    }

    /** Sends with the current credentials; on a 401, logs in once and sends once more. */
    private Uni<ConsoleAnswer> authenticated(String cluster, ConsoleAddress address, ConsoleCredentials credentials,
            ConsoleRequest request, long timeoutMs) {
        ConsoleSession session = sessions.computeIfAbsent(cluster, c -> new ConsoleSession());
        Uni<ConsoleAnswer> first;
        boolean viaBasic = false;
        if (session.cookie() != null) {
            first = send(address, request, cookieHeader(session.cookie()), timeoutMs);
        } else if (credentials.basicUsable() && !session.basicRefused()) {
            viaBasic = true;
            first = send(address, request, new Auth("Authorization", credentials.basicHeader()), timeoutMs);
        } else {
            return login(cluster, address, credentials, session, false, timeoutMs)
                    .flatMap(cookie -> send(address, request, cookieHeader(cookie), timeoutMs));
        }
        boolean basic = viaBasic;
        return first.flatMap(answer -> answer.status() != 401 ? Uni.createFrom().item(answer)
                : login(cluster, address, credentials, session, basic, timeoutMs)
                        .flatMap(cookie -> send(address, request, cookieHeader(cookie), timeoutMs)));
    }

    /** {@code POST /session/login}; remembers the cookie, and that Basic is refused when Basic was just tried. */
    private Uni<String> login(String cluster, ConsoleAddress address, ConsoleCredentials credentials,
            ConsoleSession session, boolean afterBasic, long timeoutMs) {
        ObjectNode body = ConsoleJson.MAPPER.createObjectNode()
                .put("username", credentials.username())
                .put("password", credentials.password())
                .put("autoLogin", true);
        ConsoleRequest request = new ConsoleRequest(HttpMethod.POST, LOGIN, body);
        return send(address, request, null, timeoutMs).map(answer -> {
            String cookie = answer.status() >= 200 && answer.status() < 300 ? answer.sessionCookie() : null;
            if (cookie == null) {
                session.cookie(null);
                ConsoleFailure f = ConsoleErrors.failure(cluster, request, answer);
                throw new ConsoleFailure(401, answer.status(), "the session login was refused: "
                        + f.consoleMessage(), ConsoleErrors.unauthorizedHint(cluster));
            }
            if (afterBasic && !session.basicRefused()) {
                session.refuseBasic();
                LOG.infof("The console of cluster %s refuses HTTP Basic but accepts the session login: it predates "
                        + "v2.0.4, using session cookies from now on", cluster);
            }
            session.cookie(cookie);
            return cookie;
        });
    }

    @RegisterForReflection
    private record Auth(String header, String value) {
    }

    private static Auth cookieHeader(String cookie) {
        return new Auth("Cookie", ConsoleAnswer.SESSION_COOKIE + "=" + cookie);
    }

    private Uni<ConsoleAnswer> send(ConsoleAddress address, ConsoleRequest request, Auth auth, long timeoutMs) {
        RequestOptions options = new RequestOptions().setMethod(request.method()).setSsl(address.ssl())
                .setHost(address.host()).setPort(address.port()).setURI(address.basePath() + request.path())
                .setIdleTimeout(timeoutMs)
                .putHeader("Accept", "application/json");
        if (auth != null) {
            options.putHeader(auth.header(), auth.value());
        }
        return http.request(options)
                .flatMap(req -> {
                    Uni<HttpClientResponse> sent;
                    if (request.body() == null) {
                        sent = req.send();
                    } else {
                        req.putHeader("Content-Type", "application/json");
                        sent = req.send(Buffer.buffer(request.body().toString()));
                    }
                    return sent.onCancellation().invoke(() -> req.reset());
                })
                .flatMap(resp -> readCapped(resp)
                        .map(body -> new ConsoleAnswer(resp.statusCode(), body.toString(), resp.cookies())));
    }

    private static Uni<Buffer> readCapped(HttpClientResponse resp) {
        Buffer body = Buffer.buffer();
        return resp.toMulti()
                .onItem().invoke(chunk -> {
                    if (body.length() + chunk.length() > MAX_ANSWER) {
                        throw UpstreamException.malformed("answer larger than " + MAX_ANSWER + " bytes", null);
                    }
                    body.appendBuffer(chunk);
                })
                .collect().last()
                .replaceWith(body);
    }

    @PreDestroy
    void close() {
        http.closeAndForget();
    }
}
