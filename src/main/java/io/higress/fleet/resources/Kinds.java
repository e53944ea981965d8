package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.higress.fleet.resources.domain.DomainKind;
import io.higress.fleet.resources.ai.provider.ProviderKind;
import io.higress.fleet.resources.ai.route.AiRouteKind;
import io.higress.fleet.resources.consumer.ConsumerKind;
import io.higress.fleet.resources.gateway.GatewayKind;
import io.higress.fleet.resources.grpcroute.GrpcRouteKind;
import io.higress.fleet.resources.http2rpc.Http2RpcKind;
import io.higress.fleet.resources.httproute.HttpRouteKind;
import io.higress.fleet.resources.mcpbridge.McpBridgeKind;
import io.higress.fleet.resources.mcpserver.McpServerKind;
import io.higress.fleet.resources.mcpsettings.McpSettingsKind;
import io.higress.fleet.resources.plugin.PluginKind;
import io.higress.fleet.resources.plugininstance.PluginInstanceKind;
import io.higress.fleet.resources.proxyserver.ProxyServerKind;
import io.higress.fleet.resources.route.RouteKind;
import io.higress.fleet.resources.servicesource.ServiceSourceKind;
import io.higress.fleet.resources.tls.TlsCertificateKind;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * THE registry of resource kinds: one line per kind (docs/kinds.md). Endpoints, manifests, export, aggregated reads
 * and rollouts iterate it; nothing else names a kind.
 */
public final class Kinds {

    public static final List<Kind<?>> ALL = List.of(
            new RouteKind(),
            new PluginKind(),
            new McpBridgeKind(),
            new Http2RpcKind(),
            new DomainKind(),
            new TlsCertificateKind(),
            new ProviderKind(),
            new AiRouteKind(),
            new ConsumerKind(),
            new ServiceSourceKind(),
            new ProxyServerKind(),
            new PluginInstanceKind(),
            new GatewayKind(),
            new HttpRouteKind(),
            new GrpcRouteKind(),
            new McpServerKind(),
            new McpSettingsKind());

    private Kinds() {
    }

    /** The kind served at {@code /api/v1/<plural>}, or a 404 listing the kinds. */
    public static Kind<?> byPlural(String plural) {
        return ALL.stream().filter(k -> k.names().plural().equals(plural)).findFirst()
                .orElseThrow(() -> new ProblemException(Problem.of(ProblemType.NOT_FOUND, "no resource kind '"
                        + plural + "' (the kinds are " + String.join(", ", ALL.stream()
                        .map(k -> k.names().plural()).toList()) + ")")));
    }

    /** A registered type of {@code apiVersion}/{@code kind} objects (the first, if several kinds share the kind). */
    public static Optional<KubernetesType> kubernetesType(String apiVersion, String kind) {
        return types().stream().filter(t -> t.kind().equals(kind) && t.apiVersion().equals(apiVersion)).findFirst();
    }

    /** The registered type holding this object: its apiVersion and kind, and its shape ({@link ObjectShape#holds}). */
    public static Optional<KubernetesType> kubernetesType(ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText(null);
        String kind = object.path("kind").asText(null);
        return types().stream().filter(t -> t.kind().equals(kind) && t.apiVersion().equals(apiVersion)
                && t.holds(object)).findFirst();
    }

    /** Every Kubernetes type a kind is made of, in export order, each once (kinds may share a type). */
    public static List<KubernetesType> types() {
        return ALL.stream().sorted(Comparator.comparingInt(Kind::exportOrder))
                .flatMap(k -> k.kubernetes().types().stream()).distinct().toList();
    }

    /** The field errors the kinds made of {@code type} find in a raw object of it ({@link Kind#checkObject}). */
    public static List<FieldError> checkObject(KubernetesType type, ObjectNode object, boolean force) {
        return ALL.stream().filter(k -> k.kubernetes().types().contains(type))
                .flatMap(k -> k.checkObject(object, force).stream()).toList();
    }
}
