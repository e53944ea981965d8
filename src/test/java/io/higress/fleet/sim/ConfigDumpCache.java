package io.higress.fleet.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;

/**
 * The generated dump of one gateway, kept until its xDS version or size changes. Generating a 2 MB dump costs
 * tens of milliseconds; benchmarks ask for it thousands of times.
 */
final class ConfigDumpCache {

    record Dump(String version, int padding, ObjectNode tree, Buffer withoutEds, Buffer withEds) {
    }

    private final SimulatedGateway gw;
    private final GatewayTopology topology;
    private volatile Dump current;

    ConfigDumpCache(SimulatedGateway gw, GatewayTopology topology) {
        this.gw = gw;
        this.topology = topology;
    }

    /** The dump for the gateway's current version; blocking (call it off the event loop). */
    Dump get() {
        String version = gw.xdsVersion();
        int padding = gw.dumpPaddingClusters();
        Dump dump = current;
        if (dump == null || !dump.version().equals(version) || dump.padding() != padding) {
            ObjectNode tree = new ConfigDumpGenerator(gw, version, topology).generate(padding);
            Buffer withEds = Json.bytes(tree);
            ObjectNode withoutEdsTree = tree.deepCopy();
            withoutEdsTree.withArray("configs").removeIf(
                    s -> s.path("@type").asText().endsWith(".EndpointsConfigDump"));
            dump = new Dump(version, padding, tree, Json.bytes(withoutEdsTree), withEds);
            current = dump;
        }
        return dump;
    }
}
