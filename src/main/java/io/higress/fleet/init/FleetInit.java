package io.higress.fleet.init;

import io.higress.fleet.security.HashTool;
import io.higress.fleet.security.PrivateFiles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code bin/fleet-init}: writes a first fleet file (docs/deploy.md#a-first-fleet-file).
 * <pre>
 * fleet-init [--kubeconfig FILE] [--contexts a,b] [--out DIR] [--admin NAME] [--label-pattern REGEX]
 *            [--data-dir DIR] [--copy-credentials] [--mount DIR] [--force]
 * </pre>
 * In {@code DIR} (default {@code ./fleet}, mode 0700), every file mode 0600:
 * <ul>
 * <li>{@code fleet.yaml}: one cluster per context of the kubeconfig (named and labelled after the context), which
 * it references (absolute path + context) rather than copying; the token secret as {@code ${FLEET_TOKEN_SECRET}};
 * the first admin API key as its SHA-256 only.</li>
 * <li>{@code token-secret}: a new random token secret, to give as {@code FLEET_TOKEN_SECRET}.</li>
 * <li>with {@code --copy-credentials}: {@code kubeconfig-<cluster>}, each context alone with its files inlined,
 * referenced by {@code fleet.yaml} instead of the original kubeconfig.</li>
 * </ul>
 * With {@code --mount DIR} the files are referenced where the facade will see them when {@code DIR} holds the output
 * directory (a Kubernetes Secret made from it, mounted there: docs/deploy.md), and the data directory defaults to
 * /var/lib/higress-fleet (the manifest's volume). The admin API key is printed once on standard output and stored nowhere.
 */
public final class FleetInit {

    @RegisterForReflection // the list stays complete (NativeReflectionTest); fleet-init runs on the JVM only
    private record Options(Path kubeconfig, List<String> contexts, Path out, String admin, Pattern labelPattern,
            Path dataDir, boolean copyCredentials, boolean force, Path mount) {
    }

    /** Where the facade's data directory is in deploy/kubernetes/facade.yaml (its volume). */
    public static final Path MOUNTED_DATA_DIR = Path.of("/var/lib/higress-fleet");

    /** Thrown for a usage or input error: printed without a stack trace, exit code 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private FleetInit() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv("KUBECONFIG")));
    }

    /** The tool without {@code System.exit}: 0 when written, 2 for a usage or input error. */
    static int run(String[] args, PrintStream out, PrintStream err, String kubeconfigEnv) {
        try {
            Options options = parse(args, kubeconfigEnv);
            write(options, out);
            return 0;
        } catch (UsageException e) {
            err.println("fleet-init: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("fleet-init: " + e.getMessage());
            return 2;
        }
    }

    private static void write(Options o, PrintStream out) throws IOException, UsageException {
        Kubeconfig kubeconfig = Kubeconfig.read(o.kubeconfig());
        List<String> contexts = o.contexts().isEmpty() ? kubeconfig.contexts() : o.contexts();
        for (String c : contexts) {
            if (!kubeconfig.contexts().contains(c)) {
                throw new UsageException("context '" + c + "' is not in " + kubeconfig.file() + " (it has "
                        + kubeconfig.contexts() + ")");
            }
        }
        if (contexts.isEmpty()) {
            throw new UsageException(kubeconfig.file() + " has no context");
        }
        Path dir = o.out().toAbsolutePath().normalize();
        Path fleetYaml = dir.resolve("fleet.yaml");
        Path secretFile = dir.resolve("token-secret");
        Map<String, FleetFile.Cluster> clusters = new LinkedHashMap<>();
        for (String context : contexts) {
            String name = ContextNames.unique(ContextNames.clusterName(context), clusters);
            clusters.put(name, new FleetFile.Cluster(name, context, ContextNames.labels(context, o.labelPattern()),
                    kubeconfig.file()));
        }
        // the names the files get, de-duplicated ones included: none is replaced without --force
        List<Path> written = new ArrayList<>(List.of(fleetYaml, secretFile));
        if (o.copyCredentials()) {
            clusters.keySet().forEach(name -> written.add(dir.resolve("kubeconfig-" + name)));
        }
        for (Path existing : written) {
            if (Files.exists(existing) && !o.force()) {
                throw new UsageException(existing + " exists; nothing was written (--force replaces it, and the "
                        + "token secret and admin key with it)");
            }
        }
        String key = HashTool.newApiKey();
        String secret = HashTool.newTokenSecret();
        if (o.mount() != null && !o.copyCredentials() && !kubeconfig.file().startsWith(dir)) {
            throw new UsageException("with --mount the facade sees only the output directory, and "
                    + kubeconfig.file() + " is outside " + dir + ": give a kubeconfig in it (bootstrap-target-cluster "
                    + "--out " + dir.resolve("targets.kubeconfig") + ") or --copy-credentials");
        }
        // every copy is made before anything is written: an unreadable certificate leaves no half-written directory
        Map<Path, String> copies = new LinkedHashMap<>();
        if (o.copyCredentials()) {
            for (FleetFile.Cluster c : clusters.values()) {
                copies.put(dir.resolve("kubeconfig-" + c.name()),
                        Kubeconfig.YAML.writeValueAsString(kubeconfig.minified(c.context())));
            }
        }
        PrivateFiles.directory(dir);
        if (o.copyCredentials()) {
            for (FleetFile.Cluster c : List.copyOf(clusters.values())) {
                Path copy = dir.resolve("kubeconfig-" + c.name());
                PrivateFiles.write(copy, copies.get(copy));
                clusters.put(c.name(), c.withKubeconfig(copy));
                if (kubeconfig.needsCommands(c.context())) {
                    out.println("note: context " + c.context() + " gets its credentials from a command (exec or "
                            + "auth-provider): " + copy + " needs it where the facade runs");
                }
            }
        }
        Path dataDir = o.dataDir() != null ? o.dataDir().toAbsolutePath().normalize()
                : o.mount() != null ? MOUNTED_DATA_DIR : dir.resolve("data");
        List<FleetFile.Cluster> referenced = clusters.values().stream()
                .map(c -> c.withKubeconfig(o.mount() == null ? c.kubeconfig()
                        : o.mount().resolve(dir.relativize(c.kubeconfig()))))
                .toList();
        PrivateFiles.write(secretFile, secret + "\n");
        PrivateFiles.write(fleetYaml, FleetFile.render(referenced, dataDir, o.admin(), HashTool.sha256(key),
                kubeconfig.file()));
        out.printf("""
                Wrote %s: %d cluster(s) (%s) from %s
                Wrote %s: the token secret, give it as FLEET_TOKEN_SECRET
                The first admin API key, "%s" (shown once: only its SHA-256 is stored):

                    %s

                """, fleetYaml, clusters.size(), String.join(", ", clusters.keySet()), kubeconfig.file(), secretFile,
                o.admin(), key);
        if (o.mount() == null) {
            out.printf("""
                    Start the facade:
                        export FLEET_TOKEN_SECRET=$(cat %s)
                        java -Dquarkus.config.locations=%s -jar target/quarkus-app/quarkus-run.jar
                        curl -H "Authorization: Bearer <the key above>" localhost:8080/api/v1/clusters
                    """, secretFile, fleetYaml);
        } else {
            out.printf("""
                    Deploy it (docs/deploy.md): the directory becomes the Secret mounted at %s
                        kubectl create namespace higress-fleet
                        kubectl -n higress-fleet create secret generic higress-fleet --from-file=%s
                        kubectl apply -f deploy/kubernetes/facade.yaml
                    """, o.mount(), dir);
        }
    }

    private static Options parse(String[] args, String kubeconfigEnv) throws UsageException {
        Path kubeconfig = null;
        List<String> contexts = List.of();
        Path out = Path.of("fleet");
        String admin = "admin";
        Pattern labelPattern = null;
        Path dataDir = null;
        Path mount = null;
        boolean copy = false;
        boolean force = false;
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            switch (arg) {
                case "--kubeconfig" -> kubeconfig = Path.of(value(rest, arg));
                case "--contexts" -> contexts = Arrays.stream(value(rest, arg).split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList();
                case "--out" -> out = Path.of(value(rest, arg));
                case "--admin" -> admin = value(rest, arg);
                case "--label-pattern" -> {
                    String regex = value(rest, arg);
                    try {
                        labelPattern = Pattern.compile(regex);
                    } catch (java.util.regex.PatternSyntaxException e) {
                        throw new UsageException("--label-pattern: " + e.getDescription() + " in " + regex);
                    }
                }
                case "--data-dir" -> dataDir = Path.of(value(rest, arg));
                case "--mount" -> mount = Path.of(value(rest, arg));
                case "--copy-credentials" -> copy = true;
                case "--force" -> force = true;
                case "-h", "--help" -> throw new UsageException(usage());
                default -> throw new UsageException("unknown option " + arg + "\n" + usage());
            }
        }
        if (!admin.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            throw new UsageException("--admin: '" + admin + "' is not a name (lower-case letters, digits, '-')");
        }
        if (kubeconfig == null) {
            if (kubeconfigEnv != null && !kubeconfigEnv.isBlank()) {
                if (kubeconfigEnv.contains(java.io.File.pathSeparator)) {
                    throw new UsageException("KUBECONFIG lists several files: give one with --kubeconfig (kubectl "
                            + "config view --flatten > one-file merges them)");
                }
                kubeconfig = Path.of(kubeconfigEnv);
            } else {
                kubeconfig = Path.of(System.getProperty("user.home"), ".kube", "config");
            }
        }
        if (!Files.isReadable(kubeconfig)) {
            throw new UsageException("kubeconfig " + kubeconfig + " does not exist or cannot be read (--kubeconfig)");
        }
        if (mount != null && !mount.isAbsolute()) {
            throw new UsageException("--mount: " + mount + " is not an absolute path");
        }
        return new Options(kubeconfig, contexts, out, admin, labelPattern, dataDir, copy, force, mount);
    }

    private static String value(List<String> rest, String option) throws UsageException {
        if (rest.isEmpty()) {
            throw new UsageException(option + " needs a value\n" + usage());
        }
        return rest.remove(0);
    }

    static String usage() {
        return "usage: fleet-init [--kubeconfig FILE] [--contexts a,b] [--out DIR] [--admin NAME] "
                + "[--label-pattern REGEX] [--data-dir DIR] [--copy-credentials] [--mount DIR] [--force]";
    }
}
