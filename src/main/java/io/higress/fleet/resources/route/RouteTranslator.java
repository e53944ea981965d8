package io.higress.fleet.resources.route;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.higress.fleet.resources.Ownership;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * route ⇄ {@code networking.k8s.io/v1} Ingress of class {@code higress}: one rule per domain (one host-less rule when
 * there is none), each with every path. {@code /api/*} becomes {@code Prefix /api} ({@code /*} → {@code Prefix /}),
 * a path without wildcard {@code Exact}. Input must have passed {@link RouteValidator}.
 */
public final class RouteTranslator {
    public static final String INGRESS_CLASS = "higress";
    public static final String PREFIX = "Prefix";
    public static final String EXACT = "Exact";

    private final String defaultNamespace;

    public RouteTranslator(String defaultNamespace) {
        this.defaultNamespace = defaultNamespace;
    }

    public Ingress toIngress(RouteSpec r) {
        List<HTTPIngressPath> paths = new ArrayList<>();
        for (String p : r.paths()) {
            PathMatch m = PathMatch.of(p);
            paths.add(new HTTPIngressPathBuilder()
                    .withPath(m.value())
                    .withPathType(m.prefix() ? PREFIX : EXACT)
                    .withNewBackend().withNewService().withName(r.serviceName())
                    .withNewPort().withNumber(r.servicePort()).endPort().endService().endBackend()
                    .build());
        }
        List<String> hosts = r.domain() == null || r.domain().isEmpty() ? java.util.Collections.singletonList(null)
                : r.domain();
        List<IngressRule> rules = new ArrayList<>();
        for (String host : hosts) {
            rules.add(new IngressRuleBuilder().withHost(host).withNewHttp()
                    .withPaths(paths.stream().map(x -> new HTTPIngressPathBuilder(x).build()).toList())
                    .endHttp().build());
        }
        return new IngressBuilder()
                .withNewMetadata()
                .withName(r.name())
                .withNamespace(r.namespace() != null ? r.namespace() : defaultNamespace)
                .withLabels(Map.of(Ownership.LABEL, Ownership.VALUE))
                .endMetadata()
                .withNewSpec().withIngressClassName(INGRESS_CLASS).withRules(rules).endSpec()
                .build();
    }

    /**
     * Reads an Ingress back as a route. Lossless for what {@link #toIngress} writes; for Ingresses written by others
     * the paths and backend are those of the first rule (a route has one set of paths and one backend).
     */
    public RouteSpec fromIngress(Ingress ing) {
        List<String> domains = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        String service = null;
        Integer port = null;
        List<IngressRule> rules = ing.getSpec() == null || ing.getSpec().getRules() == null ? List.of()
                : ing.getSpec().getRules();
        for (IngressRule rule : rules) {
            if (rule.getHost() != null) {
                domains.add(rule.getHost());
            }
        }
        if (!rules.isEmpty() && rules.get(0).getHttp() != null) {
            for (HTTPIngressPath p : rules.get(0).getHttp().getPaths()) {
                paths.add(new PathMatch(PREFIX.equals(p.getPathType()), p.getPath() == null ? "/" : p.getPath()).path());
                IngressServiceBackend svc = p.getBackend() == null ? null : p.getBackend().getService();
                if (service == null && svc != null) {
                    service = svc.getName();
                    port = svc.getPort() == null ? null : svc.getPort().getNumber();
                }
            }
        }
        return new RouteSpec(ing.getMetadata().getName(), domains, paths, service, port,
                ing.getMetadata().getNamespace());
    }
}
