package io.higress.fleet.resources.plugin;

import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.FieldChecks;
import io.higress.fleet.problem.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks a (merged) plugin: name, type, phase, priority 0-1000, url (or a built-in default), match rules. */
public final class PluginValidator {
    public static final Set<String> PHASES = Set.of("UNSPECIFIED_PHASE", "AUTHN", "AUTHZ", "STATS");
    /** The brief's {@code "phase": "DEFAULT"}. */
    public static final String DEFAULT_PHASE_ALIAS = "DEFAULT";
    private static final List<String> URL_SCHEMES = List.of("oci://", "file://", "http://", "https://");

    private final PluginImages images;

    public PluginValidator(PluginImages images) {
        this.images = images;
    }

    /** The phase as written to the WasmPlugin: {@code DEFAULT} becomes {@code UNSPECIFIED_PHASE}. */
    public static String canonicalPhase(String phase) {
        return DEFAULT_PHASE_ALIAS.equals(phase) ? "UNSPECIFIED_PHASE" : phase;
    }

    /** The phase as the facade reads it: Higress's {@code UNSPECIFIED_PHASE} is the brief's {@code DEFAULT}. */
    public static String facadePhase(String phase) {
        return "UNSPECIFIED_PHASE".equals(phase) ? DEFAULT_PHASE_ALIAS : phase;
    }

    public List<FieldError> validate(PluginSpec p) {
        List<FieldError> errors = new ArrayList<>();
        FieldChecks c = new FieldChecks(errors);
        c.subdomain("name", p.name());
        c.namespace("namespace", p.namespace());
        if (p.type() != null && !PluginSpec.TYPE.equals(p.type())) {
            c.fail("type", "must be WasmPlugin");
        }
        if (p.phase() != null && !PHASES.contains(canonicalPhase(p.phase()))) {
            c.fail("phase", "must be one of DEFAULT (Higress's UNSPECIFIED_PHASE), AUTHN, AUTHZ, STATS");
        }
        if (p.priority() != null && (p.priority() < 0 || p.priority() > 1000)) {
            c.fail("priority", "must be between 0 and 1000");
        }
        if (p.url() != null) {
            if (URL_SCHEMES.stream().noneMatch(p.url()::startsWith) || p.url().length() <= 7) {
                c.fail("url", "must be an oci://, file://, http:// or https:// URL");
            }
        } else if (p.name() != null && images.imageFor(p.name()).isEmpty()) {
            c.fail("url", "is required: '" + p.name() + "' is not a built-in plugin");
        }
        if (p.matchRules() != null) {
            for (int i = 0; i < p.matchRules().size(); i++) {
                matchRule(c, "matchRules[" + i + "]", p.matchRules().get(i));
            }
        }
        return errors;
    }

    public void check(PluginSpec p) {
        Validation.throwIfAny(validate(p));
    }

    private static void matchRule(FieldChecks c, String field, PluginSpec.MatchRule r) {
        if (r == null) {
            c.fail(field, "must be an object");
            return;
        }
        boolean any = false;
        if (r.ingress() != null) {
            any |= !r.ingress().isEmpty();
            for (int i = 0; i < r.ingress().size(); i++) {
                ingressRef(c, field + ".ingress[" + i + "]", r.ingress().get(i));
            }
        }
        if (r.domain() != null) {
            any |= !r.domain().isEmpty();
            for (int i = 0; i < r.domain().size(); i++) {
                c.hostname(field + ".domain[" + i + "]", r.domain().get(i));
            }
        }
        if (r.service() != null) {
            any |= !r.service().isEmpty();
            for (int i = 0; i < r.service().size(); i++) {
                c.required(field + ".service[" + i + "]", r.service().get(i));
            }
        }
        if (!any) {
            c.fail(field, "must name at least one ingress, domain or service");
        }
    }

    /** {@code name} or {@code namespace/name}, as Higress matches Ingresses. */
    private static void ingressRef(FieldChecks c, String field, String ref) {
        if (!c.required(field, ref)) {
            return;
        }
        int slash = ref.indexOf('/');
        String ns = slash < 0 ? null : ref.substring(0, slash);
        String name = slash < 0 ? ref : ref.substring(slash + 1);
        if (ns != null && !io.higress.fleet.cluster.Names.isDns1123Label(ns)
                || !io.higress.fleet.cluster.Names.isDns1123Subdomain(name)) {
            c.fail(field, "must be an Ingress name or namespace/name");
        }
    }
}
