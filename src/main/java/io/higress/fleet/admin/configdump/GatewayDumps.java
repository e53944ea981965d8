package io.higress.fleet.admin.configdump;

import io.higress.fleet.cluster.Cluster;
import io.higress.fleet.cluster.Gateway;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.upstream.CallOptions;
import io.higress.fleet.upstream.UpstreamException;
import io.higress.fleet.upstream.UpstreamProblems;
import io.higress.fleet.upstream.UpstreamRef;
import io.higress.fleet.upstream.envoy.EnvoyAdmin;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One gateway's {@code /config_dump} streamed through a {@link DumpTokens}, chunk by chunk as the body arrives:
 * the dump is never held, only what the tokens keep. Failures of the body (read after the guard let go) and
 * malformed dumps are mapped as the guard maps its own, naming the gateway.
 */
@ApplicationScoped
public class GatewayDumps {

    private final EnvoyAdmin envoy;

    public GatewayDumps(EnvoyAdmin envoy) {
        this.envoy = envoy;
    }

    public <T> Uni<T> read(Cluster c, Gateway g, Supplier<DumpTokens<T>> tokens) {
        return envoy.stream(c, g, "/config_dump", Map.of(), CallOptions.SLOW_READ, EnvoyAdmin.OK)
                .flatMap(answer -> {
                    DumpFeed<T> feed = new DumpFeed<>(tokens.get());
                    return answer.body()
                            .onItem().invoke(chunk -> {
                                byte[] bytes = chunk.getBytes();
                                feed.feed(bytes, 0, bytes.length);
                            })
                            .collect().last()
                            .map(done -> feed.finish());
                })
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> new ProblemException(
                        UpstreamProblems.toProblem(e instanceof MalformedConfigDumpException
                                ? UpstreamException.malformed(e.getMessage(), e) : e,
                                UpstreamRef.envoyAdmin(c.name(), g.name()))));
    }
}
