package io.higress.fleet.resources.route;

import io.higress.fleet.cluster.RoutesApi;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.FieldChecks;
import io.higress.fleet.problem.Validation;
import java.util.ArrayList;
import java.util.List;

/** Checks a (merged) route before translation; see {@link RouteTranslator} for the path syntax. */
public final class RouteValidator {
    private static final List<String> UNSAFE = List.of("//", "/./", "/../", "%2f", "%2F");

    public List<FieldError> validate(RouteSpec r) {
        List<FieldError> errors = new ArrayList<>();
        FieldChecks c = new FieldChecks(errors);
        c.subdomain("name", r.name());
        c.namespace("namespace", r.namespace());
        if (r.domain() != null) {
            for (int i = 0; i < r.domain().size(); i++) {
                c.hostname("domain[" + i + "]", r.domain().get(i));
            }
            c.unique("domain", r.domain());
        }
        if (c.requiredList("paths", r.paths())) {
            for (int i = 0; i < r.paths().size(); i++) {
                path(c, "paths[" + i + "]", r.paths().get(i));
            }
            c.unique("paths", r.paths());
        }
        c.label("serviceName", r.serviceName());
        c.port("servicePort", r.servicePort());
        if (r.api() != null && RoutesApi.parse(r.api()) == null) {
            c.fail("api", "must be ingress or gateway");
        }
        return errors;
    }

    public void check(RouteSpec r) {
        Validation.throwIfAny(validate(r));
    }

    private static void path(FieldChecks c, String field, String p) {
        if (!c.required(field, p)) {
            return;
        }
        if (!p.startsWith("/")) {
            c.fail(field, "must start with '/'");
        } else if (p.chars().anyMatch(ch -> Character.isWhitespace(ch) || ch == '?' || ch == '#')) {
            c.fail(field, "must not contain whitespace, '?' or '#'");
        } else if (p.indexOf('*') >= 0 && (!p.endsWith("/*") || p.indexOf('*') != p.length() - 1)) {
            // Ingress Prefix matches whole path segments, so only a trailing "/*" can be expressed.
            c.fail(field, "a wildcard is only allowed as a trailing '/*'");
        } else if (UNSAFE.stream().anyMatch(p::contains) || p.endsWith("/..") || p.endsWith("/.")) {
            // what the API server refuses in an Ingress's Exact/Prefix path, and the Gateway API in an HTTPRoute's
            c.fail(field, "must not contain '//', '/./', '/../' or '%2f', nor end with '/.' or '/..'");
        }
    }
}
