package io.higress.fleet.resources.ai.route;

import io.higress.fleet.cluster.Names;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.FieldChecks;
import io.higress.fleet.resources.ai.route.AiRouteSpec.AiUpstream;
import io.higress.fleet.resources.ai.route.AiRouteSpec.KeyedPredicate;
import io.higress.fleet.resources.ai.route.AiRouteSpec.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a (merged) AI route before any cluster is called, as AiRoute.validate and what the console's writers need:
 * a name that makes the ConfigMap {@code ai-route-<name>} and the Ingress {@code ai-route-<name>.fallback.internal};
 * host names; a path that is a prefix; predicates of a known match type with a value (no regular expression on
 * the model, no predicate on the model header itself, printable ASCII only); upstreams naming a provider with
 * weights summing to 100 (one upstream alone may leave its weight out: 100); an enabled fallback with upstreams,
 * {@code RAND} or {@code SEQ} and response codes {@code 4xx}/{@code 5xx}; key-auth as the only credential type.
 * Whether each provider exists is checked per cluster (a 400 naming {@code upstreams[i].provider}).
 */
final class AiRouteValidator {
    private static final int LONGEST_SUFFIX = AiRouteObjects.fallbackName("").length();
    private static final Set<String> CODES = Set.of("4xx", "5xx");

    List<FieldError> validate(AiRouteSpec r) {
        List<FieldError> errors = new ArrayList<>();
        FieldChecks c = new FieldChecks(errors);
        if (c.subdomain("name", r.name()) && r.name() != null && r.name().length() + LONGEST_SUFFIX > 253) {
            c.fail("name", "is too long for its Ingress name (ai-route-<name>.fallback.internal, at most 253)");
        }
        c.namespace("namespace", r.namespace());
        if (r.domains() != null) {
            for (int i = 0; i < r.domains().size(); i++) {
                c.hostname("domains[" + i + "]", r.domains().get(i));
            }
            c.unique("domains", r.domains());
        }
        Predicate path = r.pathPredicate();
        if (path != null) {
            if (!"PRE".equals(path.matchType())) {
                c.fail("pathPredicate.matchType", "must be PRE (an AI route matches a path prefix)");
            }
            if (c.required("pathPredicate.matchValue", path.matchValue()) && !path.matchValue().startsWith("/")) {
                c.fail("pathPredicate.matchValue", "must start with /");
            }
        }
        keyed(c, "headerPredicates", r.headerPredicates(), true);
        keyed(c, "urlParamPredicates", r.urlParamPredicates(), false);
        if (c.requiredList("upstreams", r.upstreams())) {
            upstreams(c, "upstreams", r.upstreams());
            int sum = r.upstreams().stream().mapToInt(u -> u == null || u.weight() == null ? 0 : u.weight()).sum();
            boolean lone = r.upstreams().size() == 1 && r.upstreams().get(0) != null
                    && r.upstreams().get(0).weight() == null;
            if (!lone && sum != 100) {
                c.fail("upstreams", "the weights of the upstreams must sum to 100 (they sum to " + sum + ")");
            }
        }
        if (r.modelPredicates() != null) {
            for (int i = 0; i < r.modelPredicates().size(); i++) {
                String at = "modelPredicates[" + i + "]";
                Predicate p = r.modelPredicates().get(i);
                if (p == null) {
                    c.fail(at, "is required");
                    continue;
                }
                if (!"EQUAL".equals(p.matchType()) && !"PRE".equals(p.matchType())) {
                    c.fail(at + ".matchType", "must be EQUAL or PRE (no regular expression on the model)");
                }
                value(c, at + ".matchValue", p.matchValue());
            }
        }
        AiRouteSpec.FallbackConfig f = r.fallbackConfig();
        if (f != null && Boolean.TRUE.equals(f.enabled())) {
            String s = f.fallbackStrategy();
            if (s != null && !s.isEmpty() && !AiRouteDocument.RANDOM.equals(s) && !AiRouteDocument.SEQUENCE.equals(s)) {
                c.fail("fallbackConfig.fallbackStrategy", "must be RAND or SEQ");
            }
            if (c.requiredList("fallbackConfig.upstreams", f.upstreams())) {
                upstreams(c, "fallbackConfig.upstreams", f.upstreams());
            }
            if (c.requiredList("fallbackConfig.responseCodes", f.responseCodes())) {
                for (int i = 0; i < f.responseCodes().size(); i++) {
                    String code = f.responseCodes().get(i);
                    if (code == null || !CODES.contains(code)) {
                        c.fail("fallbackConfig.responseCodes[" + i + "]", "must be 4xx or 5xx");
                    }
                }
            }
        }
        AiRouteSpec.AuthConfig auth = r.authConfig();
        if (auth != null) {
            List<String> types = auth.allowedCredentialTypes();
            for (int i = 0; types != null && i < types.size(); i++) {
                if (!"key-auth".equals(types.get(i))) {
                    c.fail("authConfig.allowedCredentialTypes[" + i + "]", "must be key-auth (the only "
                            + "credential type the console handles)");
                }
            }
            List<String> consumers = auth.allowedConsumers();
            for (int i = 0; consumers != null && i < consumers.size(); i++) {
                c.required("authConfig.allowedConsumers[" + i + "]", consumers.get(i));
            }
        }
        return errors;
    }

    private static void upstreams(FieldChecks c, String field, List<AiUpstream> upstreams) {
        for (int i = 0; i < upstreams.size(); i++) {
            AiUpstream u = upstreams.get(i);
            String at = field + "[" + i + "]";
            if (u == null) {
                c.fail(at, "is required");
                continue;
            }
            if (c.required(at + ".provider", u.provider()) && !Names.isDns1123Label(u.provider())) {
                c.fail(at + ".provider", "must name an LLM provider (a DNS-1123 label)");
            }
            if (u.weight() != null && (u.weight() < 0 || u.weight() > 100)) {
                c.fail(at + ".weight", "must be between 0 and 100");
            }
            if (u.modelMapping() != null) {
                u.modelMapping().forEach((k, v) -> {
                    if (k.isBlank() || v == null || v.isBlank()) {
                        c.fail(at + ".modelMapping", "maps a model name to another: neither may be empty");
                    }
                });
            }
        }
    }

    private static void keyed(FieldChecks c, String field, List<KeyedPredicate> predicates, boolean header) {
        for (int i = 0; predicates != null && i < predicates.size(); i++) {
            String at = field + "[" + i + "]";
            KeyedPredicate p = predicates.get(i);
            if (p == null) {
                c.fail(at, "is required");
                continue;
            }
            if (PredicateType.of(p.matchType()) == null) {
                c.fail(at + ".matchType", "must be EQUAL, PRE or REGULAR");
            }
            value(c, at + ".key", p.key());
            value(c, at + ".matchValue", p.matchValue());
            if (header && p.key() != null && (AiRouteObjects.MODEL_HEADER.equalsIgnoreCase(p.key())
                    || AiRouteObjects.FALLBACK_HEADER.equalsIgnoreCase(p.key()))) {
                c.fail(at + ".key", "must not be " + p.key().toLowerCase(java.util.Locale.ROOT)
                        + ": the route sets it (modelPredicates, fallbackConfig)");
            }
        }
    }

    private static void value(FieldChecks c, String field, String v) {
        if (c.required(field, v) && !v.chars().allMatch(ch -> ch >= 32 && ch < 127)) {
            c.fail(field, "must be printable ASCII");
        }
    }
}
