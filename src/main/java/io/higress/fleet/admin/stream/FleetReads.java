package io.higress.fleet.admin.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.admin.read.AdminEndpoint;
import io.higress.fleet.admin.read.FleetReadRequest;
import io.higress.fleet.admin.read.SecretRedaction;
import io.higress.fleet.fanout.FleetItem;
import io.higress.fleet.fanout.GatewayFanOut;
import io.higress.fleet.fleet.FleetConfig;
import io.higress.fleet.upstream.envoy.EnvoyAdmin;
import io.smallrye.mutiny.Multi;
import io.vertx.core.json.Json;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The fleet reads of contract §4 once the request is checked: one Envoy call per targeted gateway, settled into
 * items in completion order. Small answers are read whole and parsed; config_dump is streamed
 * ({@link ConfigDumpStream}).
 */
@ApplicationScoped
public class FleetReads {

    private final GatewayFanOut fanOut;
    private final EnvoyAdmin envoy;
    private final SecretRedaction redaction;
    private final ObjectMapper json;
    private final int dumpConcurrency;
    private final long maxAnswer;

    public FleetReads(GatewayFanOut fanOut, EnvoyAdmin envoy, SecretRedaction redaction, ObjectMapper json,
            FleetConfig config,
            @ConfigProperty(name = "fleet.envoy.max-answer-size", defaultValue = "268435456") long maxAnswer) {
        this.fanOut = fanOut;
        this.envoy = envoy;
        this.redaction = redaction;
        this.json = json;
        this.dumpConcurrency = config.fanout().dumpConcurrency();
        this.maxAnswer = maxAnswer;
    }

    /** Each gateway's whole answer, parsed (and redacted for non-admins). */
    public Multi<FleetItem> items(FleetReadRequest request, boolean admin) {
        AdminEndpoint endpoint = request.endpoint();
        return fanOut.across(request.targets(), (c, g) -> envoy.get(c, g, endpoint.path(), request.envoyQuery(),
                endpoint.callOptions(), endpoint.acceptedStatus(),
                answer -> redaction.redact(endpoint.parse(answer, json), admin)));
    }

    /**
     * The answer as bytes in {@code framing}. config_dump: up to {@code fleet.fanout.dump-concurrency} gateways are
     * asked at once; each dump is written whole before the next (a JSON document cannot interleave them), in the
     * order their headers arrived, while the answered others wait with their bodies paused (a paused body holds
     * its socket and Vert.x's small read-ahead, never the dump).
     */
    public Multi<Buffer> stream(FleetReadRequest request, StreamFraming framing, boolean admin) {
        Multi<Function<FleetStream.Tally, Multi<Buffer>>> items;
        if (request.endpoint() == AdminEndpoint.CONFIG_DUMP) {
            items = fanOut.across(request.targets(), (c, g) -> envoy.stream(c, g, "/config_dump",
                            request.envoyQuery(), AdminEndpoint.CONFIG_DUMP.callOptions(), EnvoyAdmin.OK),
                            dumpConcurrency)
                    .map(item -> tally -> ConfigDumpStream.item(item, redaction.dumpRedactor(admin), maxAnswer, tally));
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
}
