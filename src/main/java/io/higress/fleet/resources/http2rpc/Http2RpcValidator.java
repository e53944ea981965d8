package io.higress.fleet.resources.http2rpc;

import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.FieldChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks a (merged) Http2Rpc: name, the Dubbo service, and each method's path, HTTP methods and parameters. */
final class Http2RpcValidator {
    static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    static final Set<String> PARAM_SOURCES = Set.of("QUERY", "HEADER", "BODY");

    List<FieldError> validate(Http2RpcSpec r) {
        List<FieldError> errors = new ArrayList<>();
        FieldChecks c = new FieldChecks(errors);
        c.subdomain("name", r.name());
        c.namespace("namespace", r.namespace());
        if (!c.required("dubbo", r.dubbo())) {
            return errors;
        }
        c.required("dubbo.service", r.dubbo().service());
        if (!c.requiredList("dubbo.methods", r.dubbo().methods())) {
            return errors;
        }
        for (int i = 0; i < r.dubbo().methods().size(); i++) {
            method(c, "dubbo.methods[" + i + "]", r.dubbo().methods().get(i));
        }
        return errors;
    }

    private static void method(FieldChecks c, String f, Http2RpcSpec.Method m) {
        if (!c.required(f, m)) {
            return;
        }
        c.required(f + ".serviceMethod", m.serviceMethod());
        if (c.required(f + ".httpPath", m.httpPath()) && !m.httpPath().startsWith("/")) {
            c.fail(f + ".httpPath", "must start with '/'");
        }
        if (m.httpMethods() != null) {
            for (int i = 0; i < m.httpMethods().size(); i++) {
                if (!HTTP_METHODS.contains(m.httpMethods().get(i))) {
                    c.fail(f + ".httpMethods[" + i + "]", "must be one of " + String.join(", ",
                            HTTP_METHODS.stream().sorted().toList()));
                }
            }
        }
        if (m.params() != null) {
            for (int i = 0; i < m.params().size(); i++) {
                String p = f + ".params[" + i + "]";
                Http2RpcSpec.Param param = m.params().get(i);
                if (!c.required(p, param)) {
                    continue;
                }
                c.required(p + ".paramKey", param.paramKey());
                c.required(p + ".paramType", param.paramType());
                if (c.required(p + ".paramSource", param.paramSource())
                        && !PARAM_SOURCES.contains(param.paramSource())) {
                    c.fail(p + ".paramSource", "must be one of BODY, HEADER, QUERY");
                }
            }
        }
        if (m.paramFromEntireBody() != null) {
            c.required(f + ".paramFromEntireBody.paramType", m.paramFromEntireBody().paramType());
        }
    }
}
