package io.higress.fleet.resources.shared;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.Json;
import java.util.List;

/**
 * The metadata the console's KubernetesClientService and KubernetesModelConverter give every object they write:
 * renderDefaultMetadata (the definer label; for {@code .internal} names the internal label and the "do not edit"
 * comment) and a route's domain labels ({@code higress.io/domain_<host>}, {@code higress-default-domain} without
 * domains, {@code wildcard.x} for {@code *.x}).
 */
public final class ConsoleMetadata {
    private static final String DOMAIN_LABEL = "higress.io/domain_";
    private static final String DEFAULT_DOMAIN = "higress-default-domain";

    private ConsoleMetadata() {
    }

    /** A new object with the console's default metadata. */
    public static ObjectNode object(String apiVersion, String kind, String name, String namespace) {
        ObjectNode o = Json.MAPPER.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode meta = o.putObject("metadata").put("name", name).put("namespace", namespace);
        ObjectNode labels = meta.putObject("labels").put(ConsolePlugins.DEFINER_LABEL, ConsolePlugins.DEFINER);
        if (name.endsWith(ConsolePlugins.INTERNAL_SUFFIX)) {
            labels.put(ConsolePlugins.INTERNAL_LABEL, "true");
            meta.putObject("annotations").put(ConsolePlugins.COMMENT_ANNOTATION, ConsolePlugins.COMMENT);
        }
        return o;
    }

    /** setDomainLabel for each of a route's domains. */
    public static void domainLabels(ObjectNode labels, List<String> domains) {
        (domains.isEmpty() ? List.of(DEFAULT_DOMAIN) : domains).forEach(d -> labels.put(DOMAIN_LABEL
                + (d.startsWith("*") ? "wildcard" + d.substring(1) : d), "true"));
    }
}
