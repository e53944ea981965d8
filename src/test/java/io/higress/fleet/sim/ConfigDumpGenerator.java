package io.higress.fleet.sim;

import static io.higress.fleet.sim.Json.arr;
import static io.higress.fleet.sim.Json.arrOf;
import static io.higress.fleet.sim.Json.obj;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.sim.GatewayTopology.Listener;
import io.higress.fleet.sim.GatewayTopology.Upstream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Generates a gateway's {@code /config_dump} in proto3 JSON, shaped like what a Higress gateway (Envoy 1.27 fed by
 * Higress's Istio-based controller) answers. Every section and dynamic resource carries the gateway's xDS version.
 * The Wasm plugin configurations sit in a {@code TypedStruct} in the ECDS section and contain API tokens on
 * purpose: Envoy does not redact them, so the facade must.
 */
final class ConfigDumpGenerator {

    static final String ADMIN = "type.googleapis.com/envoy.admin.v3.";
    private static final String HCM = "envoy.filters.network.http_connection_manager";
    /** The Wasm plugins every simulated gateway runs (through ECDS), as {@code higress-system.<plugin>-1.0.0}. */
    static final List<String> PLUGINS = List.of("ai-proxy", "key-auth");
    private static final String WASM_TYPE = "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm";
    /** What Envoy prints for redacted bytes fields: base64 of "[redacted]". */
    static final String REDACTED_BYTES = "W3JlZGFjdGVkXQ==";

    private final SimulatedGateway gw;
    private final GatewayTopology topology;
    private final String version;
    private final String updated;

    ConfigDumpGenerator(SimulatedGateway gw, String version, GatewayTopology topology) {
        this.gw = gw;
        this.topology = topology;
        this.version = version;
        this.updated = gw.startedAt().toString();
    }

    /** All sections, the endpoints one included; callers drop it unless {@code include_eds} was asked. */
    ObjectNode generate(int paddingClusters) {
        List<Upstream> upstreams = new ArrayList<>(topology.upstreams());
        for (int i = 0; i < paddingClusters; i++) {
            upstreams.add(GatewayTopology.padding(i));
        }
        return obj("configs", arr(bootstrap(), clusters(upstreams), ecds(), endpoints(upstreams), listeners(),
                obj("@type", ADMIN + "ScopedRoutesConfigDump"), routes(), secrets()));
    }

    private ObjectNode bootstrap() {
        ObjectNode ads = obj("ads", obj(), "initial_fetch_timeout", "0s", "resource_api_version", "V3");
        return obj("@type", ADMIN + "BootstrapConfigDump",
                "bootstrap", obj("node", EnvoyIdentity.node(gw),
                        "static_resources", obj("clusters", arrOf(staticClusters())),
                        "dynamic_resources", obj("lds_config", ads, "cds_config", ads,
                                "ads_config", obj("api_type", "GRPC", "transport_api_version", "V3",
                                        "grpc_services", arr(obj("envoy_grpc", obj("cluster_name", "xds-grpc"))))),
                        "admin", obj("address", socket("127.0.0.1", 15000))),
                "last_updated", updated);
    }

    private static List<ObjectNode> staticClusters() {
        return List.of(staticCluster("prometheus_stats", "127.0.0.1", 15000),
                staticCluster("agent", "127.0.0.1", 15020),
                staticCluster("xds-grpc", "higress-controller.higress-system.svc", 15010));
    }

    private static ObjectNode staticCluster(String name, String address, int port) {
        return obj("name", name, "type", "STATIC", "connect_timeout", "0.250s",
                "load_assignment", obj("cluster_name", name, "endpoints",
                        arr(obj("lb_endpoints", arr(obj("endpoint", obj("address", socket(address, port))))))));
    }

    private ObjectNode clusters(List<Upstream> upstreams) {
        ArrayNode statics = arr();
        for (var bootstrapCluster : staticClusters()) {
            ObjectNode cluster = obj("@type", "type.googleapis.com/envoy.config.cluster.v3.Cluster");
            cluster.setAll(bootstrapCluster);
            statics.add(obj("cluster", cluster, "last_updated", updated));
        }
        ArrayNode dynamic = arr();
        for (Upstream u : upstreams) {
            dynamic.add(obj("version_info", version, "cluster", edsCluster(u), "last_updated", updated));
        }
        return obj("@type", ADMIN + "ClustersConfigDump", "version_info", version,
                "static_clusters", statics, "dynamic_active_clusters", dynamic);
    }

    private static ObjectNode edsCluster(Upstream u) {
        return obj("@type", "type.googleapis.com/envoy.config.cluster.v3.Cluster",
                "name", u.clusterName(), "type", "EDS",
                "eds_cluster_config", obj("eds_config", obj("ads", obj(), "initial_fetch_timeout", "0s",
                        "resource_api_version", "V3"), "service_name", u.clusterName()),
                "connect_timeout", "10s",
                "circuit_breakers", obj("thresholds", arr(obj("max_connections", 4294967295L,
                        "max_pending_requests", 4294967295L, "max_requests", 4294967295L,
                        "max_retries", 4294967295L, "track_remaining", true))),
                "common_lb_config", obj("locality_weighted_lb_config", obj()),
                "metadata", obj("filter_metadata", obj("istio", obj("services", arr(obj("host", u.host(),
                        "name", u.service(), "namespace", u.namespace()))))),
                "typed_extension_protocol_options", obj("envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
                        obj("@type", "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
                                "common_http_protocol_options", obj("idle_timeout", "3600s"),
                                "use_downstream_protocol_config", obj("http_protocol_options", obj(),
                                        "http2_protocol_options", obj("max_concurrent_streams", 1073741824)))));
    }

    private ObjectNode ecds() {
        String token = "sk-sim-" + gw.cluster() + "-" + gw.name();
        ObjectNode aiProxy = obj("provider", obj("type", "openai", "apiTokens", arr(token + "-0001", token + "-0002")),
                "api_tokens", arr(token + "-0003"));
        ObjectNode keyAuth = obj("keys", arr("x-api-key"), "consumers",
                arr(obj("name", "consumer-1", "credential", "sim-key-" + gw.cluster() + "-0001")));
        return obj("@type", ADMIN + "EcdsConfigDump", "ecds_filters",
                arr(wasmPlugin("ai-proxy", aiProxy), wasmPlugin("key-auth", keyAuth)));
    }

    private ObjectNode wasmPlugin(String plugin, ObjectNode configuration) {
        String name = EnvoyIdentity.NAMESPACE + "." + plugin + "-1.0.0";
        ObjectNode wasm = obj("config", obj("name", name, "root_id", plugin,
                "vm_config", obj("vm_id", name, "runtime", "envoy.wasm.runtime.v8",
                        "code", obj("local", obj("filename", "/var/lib/istio/data/" + plugin + "/plugin.wasm"))),
                "configuration", obj("@type", "type.googleapis.com/google.protobuf.Struct", "value", configuration)));
        return obj("version_info", version, "ecds_filter", obj(
                "@type", "type.googleapis.com/envoy.config.core.v3.TypedExtensionConfig", "name", name,
                "typed_config", obj("@type", "type.googleapis.com/udpa.type.v1.TypedStruct", "type_url", WASM_TYPE,
                        "value", wasm)), "last_updated", updated);
    }

    private ObjectNode endpoints(List<Upstream> upstreams) {
        ArrayNode dynamic = arr();
        for (Upstream u : upstreams) {
            ArrayNode lb = arr();
            for (String host : u.hosts()) {
                int colon = host.lastIndexOf(':');
                lb.add(obj("endpoint", obj("address", socket(host.substring(0, colon),
                                Integer.parseInt(host.substring(colon + 1)))),
                        "health_status", "HEALTHY", "load_balancing_weight", 1));
            }
            dynamic.add(obj("version_info", version, "endpoint_config", obj(
                    "@type", "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment",
                    "cluster_name", u.clusterName(), "endpoints", arr(obj("locality", obj(), "lb_endpoints", lb)),
                    "policy", obj("overprovisioning_factor", 140)), "last_updated", updated));
        }
        return obj("@type", ADMIN + "EndpointsConfigDump", "dynamic_endpoint_configs", dynamic);
    }

    private ObjectNode listeners() {
        ArrayNode dynamic = arr();
        for (Listener l : topology.listeners()) {
            ObjectNode hcm = obj("@type",
                    "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
                    "stat_prefix", l.statPrefix(),
                    "rds", obj("config_source", obj("ads", obj(), "initial_fetch_timeout", "0s",
                            "resource_api_version", "V3"), "route_config_name", l.routeConfigName()),
                    "http_filters", arr(ecdsFilter("ai-proxy"), ecdsFilter("key-auth"),
                            obj("name", "envoy.filters.http.cors", "typed_config",
                                    obj("@type", "type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors")),
                            obj("name", "envoy.filters.http.router", "typed_config",
                                    obj("@type", "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"))),
                    "use_remote_address", true);
            ObjectNode listener = obj("@type", "type.googleapis.com/envoy.config.listener.v3.Listener",
                    "name", l.name(), "address", socket("0.0.0.0", l.port()),
                    "filter_chains", arr(obj("filters", arr(obj("name", HCM, "typed_config", hcm)))),
                    "traffic_direction", "OUTBOUND");
            dynamic.add(obj("name", l.name(), "active_state",
                    obj("version_info", version, "listener", listener, "last_updated", updated)));
        }
        return obj("@type", ADMIN + "ListenersConfigDump", "version_info", version, "dynamic_listeners", dynamic);
    }

    private static ObjectNode ecdsFilter(String plugin) {
        return obj("name", EnvoyIdentity.NAMESPACE + "." + plugin + "-1.0.0", "config_discovery", obj(
                "config_source", obj("ads", obj(), "initial_fetch_timeout", "30s", "resource_api_version", "V3"),
                "type_urls", arr(WASM_TYPE)));
    }

    private ObjectNode routes() {
        ArrayNode dynamic = arr();
        for (Listener l : topology.listeners()) {
            List<ObjectNode> hosts = new ArrayList<>();
            for (Upstream u : topology.upstreams()) {
                hosts.add(obj("name", u.domain() + ":" + l.port(), "domains", arr(u.domain()),
                        "routes", arr(obj("name", u.namespace() + "/" + u.service() + "-route",
                                "match", obj("prefix", "/"),
                                "route", obj("cluster", u.clusterName(), "timeout", "0s")))));
            }
            dynamic.add(obj("version_info", version, "route_config", obj(
                    "@type", "type.googleapis.com/envoy.config.route.v3.RouteConfiguration",
                    "name", l.routeConfigName(), "virtual_hosts", arrOf(hosts), "validate_clusters", false),
                    "last_updated", updated));
        }
        return obj("@type", ADMIN + "RoutesConfigDump", "dynamic_route_configs", dynamic);
    }

    private ObjectNode secrets() {
        String name = "kubernetes://" + EnvoyIdentity.NAMESPACE + "/example-com-tls";
        String pem = "-----BEGIN CERTIFICATE-----\nsimulated certificate of " + gw.cluster()
                + "\n-----END CERTIFICATE-----\n";
        return obj("@type", ADMIN + "SecretsConfigDump", "dynamic_active_secrets", arr(obj(
                "name", name, "version_info", version, "last_updated", updated,
                "secret", obj("@type", "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret",
                        "name", name, "tls_certificate", obj(
                                "certificate_chain", obj("inline_bytes", Base64.getEncoder()
                                        .encodeToString(pem.getBytes(StandardCharsets.UTF_8))),
                                "private_key", obj("inline_bytes", REDACTED_BYTES))))));
    }

    static ObjectNode socket(String address, int port) {
        return obj("socket_address", obj("address", address, "port_value", port));
    }
}
