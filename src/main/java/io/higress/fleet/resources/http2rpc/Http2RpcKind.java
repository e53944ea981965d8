package io.higress.fleet.resources.http2rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.KubernetesObjectForm;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.Ownership;
import java.util.List;

/**
 * HTTP-to-Dubbo mappings: {@code /api/v1/http2rpcs}, one {@code networking.higress.io/v1} Http2Rpc each, the body's
 * {@code dubbo} as its {@code spec.dubbo}. The Higress Console has no API for them: a console-managed cluster is a
 * per-cluster 400.
 */
public final class Http2RpcKind implements Kind<Http2RpcSpec> {
    static final KubernetesType HTTP2RPC = new KubernetesType("networking.higress.io/v1", "Http2Rpc", "http2rpcs");

    private static final KindNames NAMES = new KindNames("http2rpc", "http2rpcs", "Http2Rpc", "http2rpcs",
            "HTTP to Dubbo RPC mappings: Http2Rpcs");

    private final KubernetesForm<Http2RpcSpec> kubernetes = new KubernetesObjectForm<>(HTTP2RPC,
            Http2RpcKind::toObject, Http2RpcKind::fromObject);

    @Override
    public KindNames names() {
        return NAMES;
    }

    @Override
    public Class<Http2RpcSpec> specClass() {
        return Http2RpcSpec.class;
    }

    @Override
    public List<FieldError> validate(Http2RpcSpec spec) {
        return new Http2RpcValidator().validate(spec);
    }

    /** After the service sources it calls through, before the routes that lead to it. */
    @Override
    public int exportOrder() {
        return 20;
    }

    @Override
    public KubernetesForm<Http2RpcSpec> kubernetes() {
        return kubernetes;
    }

    static ObjectNode toObject(Http2RpcSpec r, String namespace) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("apiVersion", HTTP2RPC.apiVersion()).put("kind", HTTP2RPC.kind());
        o.putObject("metadata").put("name", r.name()).put("namespace", namespace)
                .putObject("labels").put(Ownership.LABEL, Ownership.VALUE);
        o.putObject("spec").set("dubbo", Json.tree(r.dubbo()));
        return o;
    }

    static Http2RpcSpec fromObject(ObjectNode o) {
        Http2RpcSpec.Dubbo dubbo = o.path("spec").has("dubbo")
                ? Json.MAPPER.convertValue(o.path("spec").get("dubbo"), Http2RpcSpec.Dubbo.class) : null;
        return new Http2RpcSpec(o.path("metadata").path("name").asText(null), dubbo,
                o.path("metadata").path("namespace").asText(null));
    }
}
