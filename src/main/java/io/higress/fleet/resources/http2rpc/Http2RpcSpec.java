package io.higress.fleet.resources.http2rpc;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.resources.Spec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * An HTTP-to-RPC mapping ({@code networking.higress.io/v1} Http2Rpc): HTTP requests to a path become calls of a Dubbo
 * service method, parameters taken from the query, headers or body. The body is the CRD's {@code spec} with the
 * object's {@code name} and optional {@code namespace}: {@code {"name","dubbo":{"service","version","group",
 * "methods":[{"serviceMethod","httpPath","httpMethods","headersAttach","params":[{"paramKey","paramSource",
 * "paramType"}],"paramFromEntireBody":{"paramType"}}]}}}.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Http2RpcSpec(String name, Dubbo dubbo, String namespace) implements Spec {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dubbo(String service, String version, String group, List<Method> methods) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Method(String serviceMethod, String httpPath, List<String> httpMethods, String headersAttach,
            List<Param> params, EntireBody paramFromEntireBody) {
    }

    /** One argument: {@code paramSource} QUERY, HEADER or BODY; {@code paramType} a Java type name. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Param(String paramKey, String paramSource, String paramType) {
    }

    /** The whole request body as the one argument of this type. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EntireBody(String paramType) {
    }
}
