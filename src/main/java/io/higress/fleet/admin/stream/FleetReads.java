package io.higress.fleet.admin.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.admin.read.AdminEndpoint;
import io.higress.fleet.admin.read.FleetReadRequest;
import io.higress.fleet.admin.redact.DumpRedactors;
import io.higress.fleet.fanout.FleetItem;
import io.higress.fleet.fanout.GatewayFanOut;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.security.redaction.Redaction;
import io.higress.fleet.upstream.envoy.EnvoyAdmin;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The fleet reads of contract §4 once the request is checked: one Envoy call per targeted gateway, settled into
 * items in completion order. Small answers are read whole and parsed; config_dump is streamed
 * ({@link ConfigDumpStream}).
 */
@ApplicationScoped
public class FleetReads {

    private final GatewayFanOut fanOut;
    private final EnvoyAdmin envoy;
    private final Redaction redaction;
    private final DumpRedactors dumps;
    private final ObjectMapper json;
    private final int dumpConcurrency;
    private final long readAhead;
    private final long maxAnswer;
    private final Vertx vertx;

    public FleetReads(GatewayFanOut fanOut, EnvoyAdmin envoy, Redaction redaction, DumpRedactors dumps,
            ObjectMapper json, FleetConfig config, Vertx vertx) {
        this.fanOut = fanOut;
        this.envoy = envoy;
        this.redaction = redaction;
        this.dumps = dumps;
        this.json = json;
        this.dumpConcurrency = config.fanout().dumpConcurrency();
        this.readAhead = config.fanout().dumpReadAhead();
        this.maxAnswer = config.envoy().maxAnswerSize();
        this.vertx = vertx;
    }

    /** Each gateway's whole answer, parsed (and redacted for non-admins). */
    public Multi<FleetItem> items(FleetReadRequest request, boolean admin) {
        AdminEndpoint endpoint = request.endpoint();
        return fanOut.across(request.targets(), (c, g) -> envoy.get(c, g, endpoint.path(), request.envoyQuery(),
                endpoint.callOptions(), endpoint.acceptedStatus(),
                answer -> redaction.forCaller(endpoint.parse(answer, json), admin)));
    }

    /**
     * The answer as bytes in {@code framing}. config_dump: up to {@code fleet.fanout.dump-concurrency} gateways are
     * asked at once, each on the next event loop; each dump is written whole before the next (a JSON document cannot
     * interleave them), in the order their headers arrived. As soon as its headers arrive a dump is read and
     * redacted ahead on its event loop, up to {@code fleet.fanout.dump-read-ahead} bytes of output
     * ({@link DumpReadAhead}; its body is paused while that much waits), so the waiting dumps are redacted in
     * parallel with the one being written.
     */
    public Multi<Buffer> stream(FleetReadRequest request, StreamFraming framing, boolean admin) {
        Multi<Function<FleetStream.Tally, Multi<Buffer>>> items;
        if (request.endpoint() == AdminEndpoint.CONFIG_DUMP) {
            items = Multi.createFrom().deferred(() -> {
                Set<DumpReadAhead> open = ConcurrentHashMap.newKeySet();
                return fanOut.across(request.targets(), (c, g) -> onNextEventLoop(() -> envoy.stream(c, g,
                                        "/config_dump", request.envoyQuery(), AdminEndpoint.CONFIG_DUMP.callOptions(),
                                        EnvoyAdmin.OK)),
                                dumpConcurrency, item -> readAhead(item, admin, open))
                        .onCancellation().invoke(() -> open.forEach(DumpReadAhead::cancel));
            });
        } else {
            items = items(request, admin).map(item -> tally -> {
                if (item.isOk()) {
                    tally.ok();
                } else {
                    tally.failed();
                }
                return Multi.createFrom().item(Buffer.buffer(Json.encode(item)));
            });
        }
        return FleetStream.frame(framing, items);
    }

    /** Starts reading the settled dump ahead; its outcome is counted when it has been written. */
    private Function<FleetStream.Tally, Multi<Buffer>> readAhead(FleetItem item, boolean admin,
            Set<DumpReadAhead> open) {
        FleetStream.Tally outcome = new FleetStream.Tally();
        DumpReadAhead ahead = DumpReadAhead.start(
                ConfigDumpStream.item(item, dumps.forCaller(admin), maxAnswer, outcome), readAhead,
                Vertx.currentContext());
        open.add(ahead);
        return tally -> ahead.bytes().onTermination().invoke(() -> open.remove(ahead)).onCompletion().invoke(() -> {
            if (outcome.summary().ok() > 0) {
                tally.ok();
            } else {
                tally.failed();
            }
        });
    }

    /** Subscribes to the call on the next event loop (round robin), so its connection and body are handled there. */
    private <T> Uni<T> onNextEventLoop(java.util.function.Supplier<Uni<? extends T>> call) {
        if (!(vertx instanceof VertxInternal internal)) {
            return Uni.createFrom().deferred(call);
        }
        Context context = internal.createEventLoopContext();
        return Uni.createFrom().deferred(call).runSubscriptionOn(task -> context.runOnContext(v -> task.run()));
    }
}
