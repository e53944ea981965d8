package io.higress.fleet.admin.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.admin.parse.ClustersParser;
import io.higress.fleet.admin.parse.ListenerInfo;
import io.higress.fleet.admin.parse.MalformedAdminResponseException;
import io.higress.fleet.admin.parse.ReadyState;
import io.higress.fleet.admin.parse.StatsParser;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.upstream.CallOptions;
import io.higress.fleet.upstream.envoy.AdminAnswer;
import io.higress.fleet.upstream.envoy.EnvoyAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * The Envoy admin reads offered across the fleet (contract §4): Envoy's path, the Envoy parameters a caller may
 * pass, what the facade adds ({@code format=json} where Envoy offers it), the deadline, and how the answer becomes
 * an item's {@code data}.
 */
public enum AdminEndpoint {
    CONFIG_DUMP("config_dump", Set.of("resource", "mask", "name_regex", "include_eds"), Map.of(), true),
    CLUSTERS("clusters", Set.of(), Map.of("format", "json"), false),
    LISTENERS("listeners", Set.of(), Map.of("format", "json"), false),
    SERVER_INFO("server_info", Set.of(), Map.of(), false),
    READY("ready", Set.of(), Map.of(), false),
    STATS("stats", Set.of("filter", "usedonly", "type"), Map.of("format", "json"), true),
    CERTS("certs", Set.of(), Map.of(), false),
    MEMORY("memory", Set.of(), Map.of(), false);

    private final String id;
    private final Set<String> envoyParams;
    private final Map<String, String> fixedQuery;
    private final boolean slow;

    AdminEndpoint(String id, Set<String> envoyParams, Map<String, String> fixedQuery, boolean slow) {
        this.id = id;
        this.envoyParams = envoyParams;
        this.fixedQuery = fixedQuery;
        this.slow = slow;
    }

    public String id() {
        return id;
    }

    public String path() {
        return "/" + id;
    }

    public Set<String> envoyParams() {
        return envoyParams;
    }

    public Map<String, String> fixedQuery() {
        return fixedQuery;
    }

    /** Dumps and stats can take Envoy's single admin thread a while: they get the slow deadline. */
    public CallOptions callOptions() {
        return slow ? CallOptions.SLOW_READ : CallOptions.READ;
    }

    /** /ready answers its not-ready states with 503: that is data, not a failure. */
    public IntPredicate acceptedStatus() {
        return this == READY ? s -> EnvoyAdmin.OK.test(s) || s == 503 : EnvoyAdmin.OK;
    }

    /** The item's data: parsed where the facade summarises, Envoy's JSON as it is otherwise. */
    public Object parse(AdminAnswer answer, ObjectMapper json) {
        return switch (this) {
            case READY -> ReadyState.parse(answer.text());
            case CLUSTERS -> ClustersParser.parseJson(answer.text());
            case LISTENERS -> ListenerInfo.parseJson(answer.text());
            case STATS -> StatsParser.parseJson(answer.text());
            case SERVER_INFO, CERTS, MEMORY, CONFIG_DUMP -> {
                try {
                    yield json.readTree(answer.body().getBytes());
                } catch (JsonProcessingException e) {
                    throw MalformedAdminResponseException.invalidJson("/" + id, e);
                } catch (IOException e) { // not thrown for a byte array; the signature says IOException
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    public static AdminEndpoint of(String id) {
        for (AdminEndpoint e : values()) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        throw new ProblemException(Problem.of(ProblemType.NOT_FOUND, "unknown fleet endpoint '"
                + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + "'; valid: " + ids())
                .withHint("one of " + ids()));
    }

    public static String ids() {
        return Arrays.stream(values()).map(AdminEndpoint::id).collect(Collectors.joining(", "));
    }
}
