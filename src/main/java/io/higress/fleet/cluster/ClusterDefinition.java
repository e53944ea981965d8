package io.higress.fleet.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.Config;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.problem.ProblemException;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster registered through the API, checked exactly as the fleet file's: its definition (the JSON form of a
 * {@code fleet.clusters.<name>} block, the same keys) is bound by the same configuration mapping and checked by
 * {@link FleetConfigValidator}, so every mistake is named by its field. Registered clusters carry their credentials
 * inline ({@link ClusterCredentials}); file settings are refused, since a file is on one replica only. CPU only, no
 * I/O: callers run it on a worker thread all the same.
 */
public final class ClusterDefinition {

    /** The mapping key the definition is bound under; stripped from every message. */
    private static final String PREFIX = "fleet.clusters.c.";
    private static final Pattern KEY = Pattern.compile("fleet\\.clusters\\.c\\.([A-Za-z0-9_.\\-\"/\\[\\]]+)");

    private ClusterDefinition() {
    }

    /**
     * The cluster {@code definition} describes, or a 400 listing every mistake. {@code fleet}: the running
     * configuration, whose guard defaults the definition's overrides apply over.
     */
    public static Cluster parse(String name, JsonNode definition, ClusterCredentials credentials, FleetConfig fleet,
            String resourceVersion) {
        return parse(name, definition, credentials, fleet, resourceVersion, List.of());
    }

    /** The same, answering {@code earlier} (the request's own mistakes) in the same 400. */
    public static Cluster parse(String name, JsonNode definition, ClusterCredentials credentials, FleetConfig fleet,
            String resourceVersion, List<FieldError> earlier) {
        List<FieldError> errors = new ArrayList<>(earlier);
        if (errors.stream().noneMatch(e -> e.field().equals("name")) && !Names.isDns1123Label(name)) {
            errors.add(new FieldError("name", "'" + name
                    + "' is not a DNS-1123 label (lower-case letters, digits and '-', at most 63)"));
        }
        if (definition == null || !definition.isObject()) {
            errors.add(new FieldError("body", "must be a JSON object"));
            throw new ProblemException(Problem.invalid(errors));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        flatten(PREFIX.substring(0, PREFIX.length() - 1), definition, properties, errors);
        if (credentials.kubeconfig() != null && !definition.has("kubernetes")) {
            properties.put(PREFIX + "kubernetes.in-cluster", "false"); // the block, holding only the inline kubeconfig
        }
        FleetConfig.ClusterConfig config = null;
        try {
            SmallRyeConfig bound = new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(properties, "cluster definition", 100))
                    .withConverter(Duration.class, 100, new DurationConverter()) // "10s", as Quarkus reads it
                    .withMapping(FleetConfig.class)
                    .withValidateUnknown(true)
                    .build();
            config = bound.getConfigMapping(FleetConfig.class).clusters().get("c");
        } catch (ConfigValidationException e) {
            for (int i = 0; i < e.getProblemCount(); i++) {
                errors.add(fieldError(e.getProblem(i).getMessage()));
            }
        } catch (RuntimeException e) {
            errors.add(fieldError(String.valueOf(e.getMessage())));
        }
        if (config != null) {
            checkInline(config, credentials, errors);
            for (String message : FleetConfigValidator.validateCluster(fleet, "c", config, credentials)) {
                errors.add(fieldError(message));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        return new Cluster(name, Map.copyOf(config.labels()), config, ClusterSource.API, resourceVersion,
                credentials);
    }

    /** Files are one replica's: a registered cluster's credentials are in its Secret. */
    private static void checkInline(FleetConfig.ClusterConfig c, ClusterCredentials inline, List<FieldError> errors) {
        c.kubernetes().ifPresent(k -> {
            k.kubeconfig().ifPresent(f -> errors.add(new FieldError("kubernetes.kubeconfig",
                    "a file of one replica; send the kubeconfig itself in credentials.kubeconfig")));
            k.tokenFile().ifPresent(f -> errors.add(new FieldError("kubernetes.token-file",
                    "a file of one replica; send the token itself in credentials.token")));
            k.caFile().ifPresent(f -> errors.add(new FieldError("kubernetes.ca-file",
                    "a file of one replica; send the CA certificate (PEM) in credentials.ca")));
            if (k.masterUrl().isEmpty() && (inline.token() != null || inline.ca() != null)) {
                errors.add(new FieldError("credentials.token", "credentials.token and credentials.ca go with "
                        + "kubernetes.master-url"));
            }
            if (k.masterUrl().isPresent() && inline.kubeconfig() != null) {
                errors.add(new FieldError("credentials.kubeconfig", "give either credentials.kubeconfig or "
                        + "kubernetes.master-url, not both"));
            }
        });
        if (c.kubernetes().isEmpty() && (inline.token() != null || inline.ca() != null)) {
            errors.add(new FieldError("credentials.token", "needs a kubernetes block with master-url"));
        }
        if (inline.kubeconfig() != null) {
            try {
                Config.fromKubeconfig(c.kubernetes().flatMap(FleetConfig.KubernetesAccess::context).orElse(null),
                        inline.kubeconfig(), null);
            } catch (RuntimeException e) { // the message may quote the content: never repeated
                errors.add(new FieldError("credentials.kubeconfig", "is not a kubeconfig with "
                        + c.kubernetes().flatMap(FleetConfig.KubernetesAccess::context).map(x -> "the context '" + x
                                + "'").orElse("a current context")));
            }
        }
        if (inline.ca() != null && !inline.ca().contains("-----BEGIN CERTIFICATE-----")) {
            errors.add(new FieldError("credentials.ca", "is not a PEM certificate (-----BEGIN CERTIFICATE-----)"));
        }
        c.console().ifPresent(console -> console.passwordFile().ifPresent(f -> errors.add(new FieldError(
                "console.password-file", "a file of one replica; send the password in credentials.console-password"))));
        if (c.console().isEmpty() && inline.consolePassword() != null) {
            errors.add(new FieldError("credentials.console-password", "needs a console block"));
        }
    }

    /** JSON to configuration keys: objects nest, arrays are indexed, map keys with dots are quoted. */
    private static void flatten(String key, JsonNode node, Map<String, String> out, List<FieldError> errors) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String k = e.getKey();
                if (k.isEmpty() || k.contains("\"")) {
                    errors.add(new FieldError(field(key) + "." + k, "is not a key"));
                    continue;
                }
                flatten(key + "." + (k.contains(".") ? "\"" + k + "\"" : k), e.getValue(), out, errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(key + "[" + i + "]", node.get(i), out, errors);
            }
        } else if (!node.isNull()) {
            out.put(key, node.asText());
        }
    }

    private static String field(String key) {
        return key.length() < PREFIX.length() ? "" : key.substring(PREFIX.length()).replace("\"", "");
    }

    /** A message of the mapping or the validator, with the field it names and without the internal prefix. */
    static FieldError fieldError(String message) {
        Matcher m = KEY.matcher(message);
        String field = m.find() ? m.group(1).replace("\"", "") : "body";
        String text = message.replaceAll("^SRCFG\\d+: ", "").replace("fleet.clusters.c.", "").replace("\"", "'");
        if (text.startsWith(field + ": ")) {
            text = text.substring(field.length() + 2);
        }
        return new FieldError(field.endsWith(":") ? field.substring(0, field.length() - 1) : field, text);
    }
}
