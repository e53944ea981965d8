package io.higress.fleet.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A kubeconfig file as fleet-init reads it: its contexts, and for {@code --copy-credentials} one context alone with
 * every file it references inlined (what {@code kubectl config view --minify --flatten --context C} prints).
 */
final class Kubeconfig {

    static final YAMLMapper YAML = new YAMLMapper();

    /** {@code kubeconfig field → its inline form}, for clusters and users. */
    private static final String[][] FILE_FIELDS = {{"certificate-authority", "certificate-authority-data"},
            {"client-certificate", "client-certificate-data"}, {"client-key", "client-key-data"}};

    private final Path file;
    private final JsonNode root;

    private Kubeconfig(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    static Kubeconfig read(Path file) throws IOException {
        JsonNode root = YAML.readTree(file.toFile());
        if (root == null || !root.isObject() || !root.path("contexts").isArray()) {
            throw new IOException(file + " is not a kubeconfig (no contexts list)");
        }
        return new Kubeconfig(file.toAbsolutePath().normalize(), root);
    }

    Path file() {
        return file;
    }

    List<String> contexts() {
        List<String> names = new ArrayList<>();
        root.path("contexts").forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    /**
     * This context alone, as a kubeconfig of its own: its cluster and user, files inlined, {@code current-context}
     * set. The user's {@code exec} and {@code auth-provider} are kept as they are; {@link #needsCommands} says so.
     */
    ObjectNode minified(String context) throws IOException {
        JsonNode ctx = named("contexts", context);
        String clusterName = ctx.path("context").path("cluster").asText();
        String userName = ctx.path("context").path("user").asText();
        ObjectNode out = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "Config");
        out.putArray("clusters").add(inlined(named("clusters", clusterName), "cluster"));
        out.putArray("contexts").add(ctx.deepCopy());
        ArrayNode users = out.putArray("users");
        if (!userName.isEmpty()) {
            users.add(inlined(named("users", userName), "user"));
        }
        out.put("current-context", context);
        return out;
    }

    /** Whether the context's user runs a command or an auth provider to get its credentials. */
    boolean needsCommands(String context) throws IOException {
        String userName = named("contexts", context).path("context").path("user").asText();
        JsonNode user = userName.isEmpty() ? YAML.createObjectNode() : named("users", userName).path("user");
        return user.has("exec") || user.has("auth-provider");
    }

    private JsonNode named(String list, String name) throws IOException {
        for (JsonNode entry : root.path(list)) {
            if (name.equals(entry.path("name").asText())) {
                return entry;
            }
        }
        throw new IOException(file + ": no " + list.substring(0, list.length() - 1) + " named '" + name + "'");
    }

    private ObjectNode inlined(JsonNode entry, String field) throws IOException {
        ObjectNode copy = entry.deepCopy();
        if (!(copy.get(field) instanceof ObjectNode body)) {
            return copy;
        }
        for (String[] f : FILE_FIELDS) {
            if (body.hasNonNull(f[0])) {
                body.put(f[1], Base64.getEncoder().encodeToString(Files.readAllBytes(resolve(body.get(f[0])))));
                body.remove(f[0]);
            }
        }
        if (body.hasNonNull("tokenFile")) {
            body.put("token", Files.readString(resolve(body.get("tokenFile"))).strip());
            body.remove("tokenFile");
        }
        return copy;
    }

    /** Relative paths in a kubeconfig are relative to the kubeconfig's directory (as kubectl reads them). */
    private Path resolve(JsonNode path) {
        return file.getParent().resolve(path.asText());
    }
}
