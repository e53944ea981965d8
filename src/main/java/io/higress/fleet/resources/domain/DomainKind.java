package io.higress.fleet.resources.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.FieldChecks;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.KubernetesObjectForm;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.ObjectShape;
import io.higress.fleet.resources.Ownership;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Domains ({@code /api/v1/domains}): on Kubernetes the console's domain ConfigMap {@code domain-<host>} (a leading
 * {@code *} written {@code wildcard}), labelled {@code higress.io/config-map-type: domain}, with {@code data.domain},
 * {@code data.enableHttps} and {@code data.cert}; through the console its {@code /v1/domains}
 * ({@link ConsoleDomainForm}). The console applies a domain to the Ingresses of the routes using it when it writes
 * them (TLS section, ssl-redirect for {@code force}).
 */
public final class DomainKind implements Kind<DomainSpec> {
    static final String TYPE_LABEL = "higress.io/config-map-type";
    static final String PREFIX = "domain-";
    static final Set<String> HTTPS = Set.of("off", "on", "force");
    static final KubernetesType CONFIG_MAP = new KubernetesType("v1", "ConfigMap", "configmaps",
            new ObjectShape(List.of("data"), Map.of(TYPE_LABEL, "domain"), Map.of(), List.of()));

    private static final KindNames NAMES = new KindNames("domain", "domains", "Domain", "domains",
            "Domains: the console's domain ConfigMaps (HTTPS off/on/force, certificate)");

    private final KubernetesForm<DomainSpec> kubernetes = new KubernetesObjectForm<>(CONFIG_MAP,
            DomainKind::objectName, (d, ns, current) -> toObject(d, ns), DomainKind::fromObject);
    private final ConsoleDomainForm console = new ConsoleDomainForm();

    @Override
    public KindNames names() {
        return NAMES;
    }

    @Override
    public Class<DomainSpec> specClass() {
        return DomainSpec.class;
    }

    @Override
    public List<FieldError> validate(DomainSpec d) {
        List<FieldError> errors = new ArrayList<>();
        FieldChecks c = new FieldChecks(errors);
        if (c.hostname("name", d.name()) && objectName(d.name()).length() > 253) {
            c.fail("name", "is too long for its ConfigMap name (domain-<name>, at most 253 characters)");
        }
        c.namespace("namespace", d.namespace());
        if (d.enableHttps() != null && !HTTPS.contains(d.enableHttps())) {
            c.fail("enableHttps", "must be off, on or force");
        }
        boolean https = d.enableHttps() != null && !d.enableHttps().equals("off");
        if (https && (d.certIdentifier() == null || d.certIdentifier().isBlank())) {
            c.fail("certIdentifier", "is required when enableHttps is " + d.enableHttps()
                    + ": the name of the TLS certificate to serve");
        } else if (d.certIdentifier() != null) {
            c.subdomain("certIdentifier", d.certIdentifier());
        }
        return errors;
    }

    @Override
    public String nameError(String name) {
        List<FieldError> errors = new ArrayList<>();
        return new FieldChecks(errors).hostname("name", name) ? null : errors.get(0).message();
    }

    /** After the certificates they name, before the routes. */
    @Override
    public int exportOrder() {
        return 25;
    }

    @Override
    public KubernetesForm<DomainSpec> kubernetes() {
        return kubernetes;
    }

    @Override
    public Optional<Form<DomainSpec>> console() {
        return Optional.of(console);
    }

    /** The console's ConfigMap name: {@code domain-} and the host, a leading {@code *} as {@code wildcard}. */
    static String objectName(String domain) {
        return PREFIX + (domain.startsWith("*") ? "wildcard" + domain.substring(1) : domain);
    }

    static ObjectNode toObject(DomainSpec d, String namespace) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("apiVersion", CONFIG_MAP.apiVersion()).put("kind", CONFIG_MAP.kind());
        ObjectNode meta = o.putObject("metadata").put("name", objectName(d.name())).put("namespace", namespace);
        meta.putObject("labels").put(TYPE_LABEL, "domain").put(Ownership.LABEL, Ownership.VALUE);
        ObjectNode data = o.putObject("data").put("domain", d.name())
                .put("enableHttps", d.enableHttps() != null ? d.enableHttps() : "off");
        if (d.certIdentifier() != null) {
            data.put("cert", d.certIdentifier());
        }
        return o;
    }

    static DomainSpec fromObject(ObjectNode o) {
        ObjectNode data = o.get("data") instanceof ObjectNode d ? d : Json.MAPPER.createObjectNode();
        String name = data.path("domain").asText(null);
        if (name == null) {
            String object = o.path("metadata").path("name").asText("");
            name = object.startsWith(PREFIX) ? object.substring(PREFIX.length()) : object;
        }
        return new DomainSpec(name, text(data, "enableHttps"), text(data, "cert"),
                o.path("metadata").path("namespace").asText(null));
    }

    private static String text(ObjectNode data, String key) {
        String v = data.path(key).asText(null);
        return v == null || v.isEmpty() ? null : v;
    }
}
