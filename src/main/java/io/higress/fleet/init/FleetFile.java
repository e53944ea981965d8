package io.higress.fleet.init;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The fleet file fleet-init writes: the smallest one that starts, every other key at its default. */
final class FleetFile {

    /** One cluster: its name, the context it comes from, its labels, and the kubeconfig it is reached with. */
    @RegisterForReflection // the list stays complete (NativeReflectionTest); fleet-init runs on the JVM only
    record Cluster(String name, String context, Map<String, String> labels, Path kubeconfig) {
        Cluster withKubeconfig(Path file) {
            return new Cluster(name, context, labels, file);
        }
    }

    private FleetFile() {
    }

    static String render(List<Cluster> clusters, Path dataDir, String admin, String adminKeySha256, Path source) {
        StringBuilder y = new StringBuilder();
        y.append("# Written by bin/fleet-init on ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(" from ").append(source).append(".\n")
                .append("# Every other key, with its default: config/fleet.yaml. Start the facade with\n")
                .append("#   FLEET_TOKEN_SECRET=$(cat token-secret) java -Dquarkus.config.locations=<this file> "
                        + "-jar quarkus-run.jar\n")
                .append("fleet:\n  clusters:\n");
        for (Cluster c : clusters) {
            y.append("    ").append(c.name()).append(":\n");
            if (!c.labels().isEmpty()) {
                y.append("      labels: {").append(c.labels().entrySet().stream()
                        .map(e -> e.getKey() + ": " + quote(e.getValue())).collect(Collectors.joining(", ")))
                        .append("}\n");
            }
            y.append("      kubernetes:\n")
                    .append("        kubeconfig: ").append(quote(c.kubeconfig().toString())).append('\n')
                    .append("        context: ").append(quote(c.context())).append('\n')
                    .append("      gateways:                      # Higress' defaults\n")
                    .append("        namespace: higress-system\n")
                    .append("        selector: app=higress-gateway\n")
                    .append("        admin-mode: port-forward       # Envoy's admin listens on 127.0.0.1 in the pod\n");
        }
        y.append("  data-dir: ").append(quote(dataDir.toString()))
                .append("   # audit log and rollout journal\n")
                .append("  security:\n")
                .append("    token:\n")
                .append("      secret: ${FLEET_TOKEN_SECRET}   # at least 32 bytes; never written here\n")
                .append("    api-keys:\n")
                .append("      ").append(admin).append(":                          # the first admin; its key was "
                        + "printed once\n")
                .append("        sha256: \"").append(adminKeySha256).append("\"\n")
                .append("        roles: [admin]\n")
                .append("    # users: {alice: {password-hash: \"<HashTool bcrypt>\", roles: [operator]}}  "
                        + "(docs/security.md)\n");
        return y.toString();
    }

    /** A YAML double-quoted scalar (its escapes are JSON's). */
    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
