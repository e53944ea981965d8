package io.higress.fleet.cluster;

import io.higress.fleet.cluster.FleetConfig.ClusterConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the fleet file before anything starts. Each message names the configuration key, so that an operator can
 * fix a bad ConfigMap without reading code. Values of a fixed set ({@link Management}, {@link AdminMode}) are typed in
 * {@link FleetConfig}: a wrong one stops the configuration mapping itself, with a message naming the key and the
 * allowed values.
 */
public final class FleetConfigValidator {

    private FleetConfigValidator() {
    }

    /** All problems found, each starting with its key; empty when the configuration is usable. */
    public static List<String> validate(FleetConfig config) {
        List<String> errors = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        config.clusters().forEach((name, cluster) -> {
            String key = "fleet.clusters." + name;
            if (!Names.isDns1123Label(name)) {
                errors.add(key + ": cluster name '" + name
                        + "' is not a DNS-1123 label (lower-case letters, digits and '-', at most 63)");
            }
            String previous = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (previous != null) {
                errors.add(key + ": duplicate cluster name (also defined as fleet.clusters." + previous + ")");
            }
            errors.addAll(validateCluster(config, name, cluster, ClusterCredentials.NONE));
        });
        config.home().access().ifPresent(k -> validateAccess("fleet.home.kubernetes", k, ClusterCredentials.NONE,
                errors));
        config.home().namespace().filter(ns -> !Names.isDns1123Label(ns)).ifPresent(ns -> errors.add(
                "fleet.home.namespace: '" + ns + "' is not a DNS-1123 label"));
        validateLease(config.home().lease(), errors);
        validateResources(config.resources(), errors);
        validateGuard("fleet.upstreams.envoy-admin", GuardPolicy.of(config.upstreams().envoyAdmin()), errors);
        validateGuard("fleet.upstreams.kubernetes", GuardPolicy.of(config.upstreams().kubernetes()), errors);
        validateGuard("fleet.upstreams.console", GuardPolicy.of(config.upstreams().console()), errors);
        if (config.fanout().readsPerCaller() < 1) {
            errors.add("fleet.fanout.reads-per-caller: must be at least 1");
        }
        return errors;
    }

    /**
     * One cluster's problems, each starting with {@code fleet.clusters.<name>}: its block, and its guard overrides
     * as they take effect (over {@code fleet}'s defaults). {@code inline}: the credentials a registered cluster
     * carries instead of files ({@link ClusterCredentials#NONE} for the fleet file's).
     */
    public static List<String> validateCluster(FleetConfig fleet, String name, ClusterConfig cluster,
            ClusterCredentials inline) {
        List<String> errors = new ArrayList<>();
        String key = "fleet.clusters." + name;
        validateCluster(key, cluster, inline, errors);
        FleetConfig.UpstreamOverrides o = cluster.upstreams();
        validateGuard(key + ".upstreams.envoy-admin", GuardPolicy.of(fleet.upstreams().envoyAdmin(), o.envoyAdmin()),
                errors);
        validateGuard(key + ".upstreams.kubernetes", GuardPolicy.of(fleet.upstreams().kubernetes(), o.kubernetes()),
                errors);
        validateGuard(key + ".upstreams.console", GuardPolicy.of(fleet.upstreams().console(), o.console()), errors);
        return errors;
    }

    /** Write limits: namespaces that exist as names, the default among them; url prefixes with a scheme. */
    /**
     * fabric8's elector checks none of these: a renew deadline not shorter than the duration lets a deposed holder
     * drive while the next one already does, and a retry period must leave the holder several renewals per deadline.
     */
    private static void validateLease(FleetConfig.Lease l, List<String> errors) {
        String key = "fleet.home.lease";
        if (!Names.isDns1123Subdomain(l.name())) {
            errors.add(key + ".name: '" + l.name() + "' is not a DNS-1123 subdomain");
        }
        if (l.retryPeriod().isNegative() || l.retryPeriod().isZero()) {
            errors.add(key + ".retry-period: must be positive (is " + l.retryPeriod() + ")");
        } else if (l.renewDeadline().compareTo(l.retryPeriod().multipliedBy(6).dividedBy(5)) <= 0) {
            errors.add(key + ".renew-deadline: must be longer than 1.2 × retry-period (" + l.renewDeadline()
                    + " vs " + l.retryPeriod() + ")");
        }
        if (l.duration().compareTo(l.renewDeadline()) <= 0) {
            errors.add(key + ".duration: must be longer than renew-deadline (" + l.duration() + " vs "
                    + l.renewDeadline() + "): else a holder that could not renew still drives after another took it");
        }
    }

    private static void validateResources(FleetConfig.Resources r, List<String> errors) {
        if (!Names.isDns1123Label(r.namespace())) {
            errors.add("fleet.resources.namespace: '" + r.namespace() + "' is not a DNS-1123 label");
        }
        r.namespaces().ifPresent(list -> {
            list.stream().filter(ns -> !Names.isDns1123Label(ns)).forEach(ns -> errors.add(
                    "fleet.resources.namespaces: '" + ns + "' is not a DNS-1123 label"));
            if (!list.contains(r.namespace())) {
                errors.add("fleet.resources.namespaces: must include fleet.resources.namespace (" + r.namespace()
                        + "), where writes go that name no namespace");
            }
        });
        for (String prefix : r.pluginUrls()) {
            if (!prefix.equals("*") && PLUGIN_URL_SCHEMES.stream().noneMatch(s -> prefix.startsWith(s)
                    && prefix.length() > s.length())) {
                errors.add("fleet.resources.plugin-urls: '" + prefix + "' is neither * nor a prefix starting with "
                        + String.join(", ", PLUGIN_URL_SCHEMES) + " and a host");
            }
        }
    }

    private static final List<String> PLUGIN_URL_SCHEMES = List.of("oci://", "https://", "http://", "file://");

    private static void validateGuard(String key, GuardPolicy g, List<String> errors) {
        if (g.timeout().isNegative() || g.timeout().isZero() || g.slowTimeout().isNegative()
                || g.slowTimeout().isZero()) {
            errors.add(key + ".timeout and slow-timeout: must be above 0");
        }
        if (g.retries() < 0 || g.retryBackoff().isNegative() || g.retryMaxBackoff().isNegative()) {
            errors.add(key + ".retries, retry-backoff and retry-max-backoff: must not be negative");
        }
        if (g.breakerDelay().isNegative()) {
            errors.add(key + ".breaker-delay: must not be negative");
        }
        if (g.concurrency() < 1) {
            errors.add(key + ".concurrency: must be at least 1");
        }
        if (g.queue() < 0) {
            errors.add(key + ".queue: must not be negative");
        }
        if (g.breakerWindow() < 1 || g.breakerMinCalls() < 1) {
            errors.add(key + ".breaker-window and breaker-min-calls: must be at least 1");
        }
        if (!(g.breakerFailureRatio() > 0 && g.breakerFailureRatio() <= 1)) {
            errors.add(key + ".breaker-failure-ratio: must be above 0 and at most 1");
        }
    }

    private static void validateCluster(String key, ClusterConfig c, ClusterCredentials inline,
            List<String> errors) {
        c.labels().forEach((k, v) -> {
            try {
                LabelSelector.parse(k + "=" + v);
            } catch (IllegalArgumentException e) {
                errors.add(key + ".labels." + k + ": " + e.getMessage());
            }
        });
        AdminMode mode = c.gateways().adminMode();
        if (c.gateways().adminPort() < 1 || c.gateways().adminPort() > 65535) {
            errors.add(key + ".gateways.admin-port: " + c.gateways().adminPort() + " is not a port (1-65535)");
        }
        try {
            LabelSelector.parse(c.gateways().selector()).equalityMap();
        } catch (IllegalArgumentException e) {
            errors.add(key + ".gateways.selector: " + e.getMessage());
        }
        c.gateways().direct().forEach((gateway, url) -> {
            String k = key + ".gateways.direct." + gateway;
            if (!Names.isDns1123Subdomain(gateway)) {
                errors.add(k + ": gateway name '" + gateway + "' is not a DNS-1123 name");
            }
            if (!isHttpUrl(url)) {
                errors.add(k + ": '" + url + "' is not an http(s) URL");
            }
        });
        if (c.kubernetes().isEmpty()) {
            if (mode == AdminMode.PORT_FORWARD) {
                errors.add(key + ".kubernetes: admin-mode port-forward needs the cluster's Kubernetes access");
            }
            if (mode == AdminMode.DIRECT && c.gateways().direct().isEmpty()) {
                errors.add(key + ".gateways.direct: without a kubernetes block, list the gateways' admin URLs here");
            }
        }
        c.kubernetes().ifPresent(k -> validateAccess(key + ".kubernetes", k, inline, errors));
        if (c.management() == Management.CONSOLE && c.console().isEmpty()) {
            errors.add(key + ".console: management console needs console.url and credentials");
        }
        routesApi(key, c, errors);
        c.console().ifPresent(console -> {
            if (!isHttpUrl(console.url())) {
                errors.add(key + ".console.url: '" + console.url() + "' is not an http(s) URL");
            }
            requireFile(key + ".console.password-file", console.passwordFile(), errors);
        });
    }

    /** A console writes Ingresses only; an HTTPRoute needs the Gateway it attaches to. */
    private static void routesApi(String key, ClusterConfig c, List<String> errors) {
        if (c.routesApi() == RoutesApi.GATEWAY && c.management() == Management.CONSOLE) {
            errors.add(key + ".routes-api: gateway cannot be the routes API of a console-managed cluster (the Higress"
                    + " Console writes routes as Ingresses); use ingress, or management kubernetes");
        }
        c.gatewayParent().filter(p -> GatewayParent.parse(p) == null).ifPresent(p -> errors.add(key
                + ".gateway-parent: '" + p + "' is not namespace/name of a Gateway"));
        if (c.routesApi() == RoutesApi.GATEWAY && c.management() != Management.CONSOLE
                && c.gatewayParent().isEmpty()) {
            errors.add(key + ".gateway-parent: routes-api gateway needs the Gateway (namespace/name) its HTTPRoutes"
                    + " attach to");
        }
    }

    private static void validateAccess(String key, FleetConfig.KubernetesAccess k, ClusterCredentials inline,
            List<String> errors) {
        int ways = (k.kubeconfig().isPresent() || inline.kubeconfig() != null ? 1 : 0)
                + (k.masterUrl().isPresent() ? 1 : 0) + (k.inCluster() ? 1 : 0);
        if (ways != 1) {
            errors.add(key + ": set exactly one of kubeconfig, master-url or in-cluster");
        }
        requireFile(key + ".kubeconfig", k.kubeconfig(), errors);
        requireFile(key + ".token-file", k.tokenFile(), errors);
        requireFile(key + ".ca-file", k.caFile(), errors);
        k.masterUrl().filter(u -> !isHttpUrl(u))
                .ifPresent(u -> errors.add(key + ".master-url: '" + u + "' is not an http(s) URL"));
    }

    private static void requireFile(String key, Optional<String> file, List<String> errors) {
        file.filter(f -> !Files.isReadable(Path.of(f)))
                .ifPresent(f -> errors.add(key + ": file '" + f + "' does not exist or cannot be read"));
    }

    static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
