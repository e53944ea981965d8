package io.higress.fleet.init;

import io.higress.fleet.security.HashTool;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 *            [--data-dir DIR] [--copy-credentials] [--force]
 * </pre>
 * In {@code DIR} (default {@code ./fleet}, mode 0700), every file mode 0600:
 * <ul>
 * <li>{@code fleet.yaml}: one cluster per context of the kubeconfig (named and labelled after the context), which
 * it references (absolute path + context) rather than copying; the token secret as {@code ${FLEET_TOKEN_SECRET}};
 * the first admin API key as its SHA-256 only.</li>
 * <li>{@code token-secret}: a new random token secret, to give as {@code FLEET_TOKEN_SECRET}.</li>
 * <li>with {@code --copy-credentials}: {@code kubeconfigs/<cluster>}, each context alone with its files inlined,
 * referenced by {@code fleet.yaml} instead of the original kubeconfig (to put in a Kubernetes Secret).</li>
 * </ul>
 * The admin API key is printed once on standard output and stored nowhere.
 */
public final class FleetInit {

    private static final Pattern ENVIRONMENTS = Pattern.compile(
            "dev|development|test|testing|qa|stage|staging|preprod|uat|prod|production");

    private record Options(Path kubeconfig, List<String> contexts, Path out, String admin, Pattern labelPattern,
            Path dataDir, boolean copyCredentials, boolean force) {
    }

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
        for (Path existing : List.of(fleetYaml, secretFile, dir.resolve("kubeconfigs"))) {
            if (Files.exists(existing) && !o.force()) {
                throw new UsageException(existing + " exists; nothing was written (--force replaces it, and the "
                        + "token secret and admin key with it)");
            }
        }
        Map<String, FleetFile.Cluster> clusters = new LinkedHashMap<>();
        for (String context : contexts) {
            String name = unique(clusterName(context), clusters);
            clusters.put(name, new FleetFile.Cluster(name, context, labels(context, o.labelPattern()),
                    kubeconfig.file()));
        }
        String key = HashTool.newApiKey();
        String secret = HashTool.newTokenSecret();
        SecureFiles.directory(dir);
        if (o.copyCredentials()) {
            Path copies = SecureFiles.directory(dir.resolve("kubeconfigs"));
            for (FleetFile.Cluster c : List.copyOf(clusters.values())) {
                Path copy = copies.resolve(c.name());
                SecureFiles.write(copy, Kubeconfig.YAML.writeValueAsString(kubeconfig.minified(c.context())));
                clusters.put(c.name(), c.withKubeconfig(copy));
                if (kubeconfig.needsCommands(c.context())) {
                    out.println("note: context " + c.context() + " gets its credentials from a command (exec or "
                            + "auth-provider): " + copy + " needs it where the facade runs");
                }
            }
        }
        Path dataDir = o.dataDir() != null ? o.dataDir().toAbsolutePath().normalize() : dir.resolve("data");
        SecureFiles.write(secretFile, secret + "\n");
        SecureFiles.write(fleetYaml, FleetFile.render(List.copyOf(clusters.values()), dataDir, o.admin(),
                HashTool.sha256(key), kubeconfig.file()));
        out.printf("""
                Wrote %s: %d cluster(s) (%s) from %s
                Wrote %s: the token secret, give it as FLEET_TOKEN_SECRET
                The first admin API key, "%s" (shown once: only its SHA-256 is stored):

                    %s

                Start the facade:
                    export FLEET_TOKEN_SECRET=$(cat %s)
                    java -Dquarkus.config.locations=%s -jar target/quarkus-app/quarkus-run.jar
                    curl -H "Authorization: Bearer <the key above>" localhost:8080/api/v1/clusters
                """, fleetYaml, clusters.size(), String.join(", ", clusters.keySet()), kubeconfig.file(), secretFile,
                o.admin(), key, secretFile, fleetYaml);
    }

    /** A DNS-1123 label from a context name: {@code arn:aws:eks:eu-west-1:1:cluster/Prod} → {@code arn-...-prod}. */
    static String clusterName(String context) {
        String name = context.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (name.length() > 63) {
            name = name.substring(name.length() - 63).replaceAll("^-+", ""); // the tail tells clusters apart
        }
        return name.isEmpty() ? "cluster" : name;
    }

    private static String unique(String name, Map<String, ?> taken) {
        String candidate = name;
        for (int i = 2; taken.containsKey(candidate); i++) {
            String suffix = "-" + i;
            candidate = name.substring(0, Math.min(name.length(), 63 - suffix.length())) + suffix;
        }
        return candidate;
    }

    /**
     * Labels from the context name: the named groups of {@code --label-pattern} when it matches, else {@code env}
     * when a word of the name is an environment (dev, test, staging, prod, ...).
     */
    static Map<String, String> labels(String context, Pattern pattern) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (pattern != null) {
            var m = pattern.matcher(context);
            if (m.matches()) {
                for (String group : groupNames(pattern)) {
                    String value = m.group(group) == null ? "" : labelValue(m.group(group));
                    if (!value.isEmpty()) {
                        labels.put(group, value);
                    }
                }
                return labels;
            }
        }
        Arrays.stream(context.toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9]+"))
                .filter(w -> ENVIRONMENTS.matcher(w).matches()).findFirst().ifPresent(w -> labels.put("env", w));
        return labels;
    }

    private static List<String> groupNames(Pattern pattern) {
        List<String> names = new ArrayList<>();
        var m = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>").matcher(pattern.pattern());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** A Kubernetes label value: at most 63 of [A-Za-z0-9._-], starting and ending alphanumeric. */
    private static String labelValue(String raw) {
        String v = raw.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
        return v.length() > 63 ? v.substring(0, 63).replaceAll("[^A-Za-z0-9]+$", "") : v;
    }

    private static Options parse(String[] args, String kubeconfigEnv) throws UsageException {
        Path kubeconfig = null;
        List<String> contexts = List.of();
        Path out = Path.of("fleet");
        String admin = "admin";
        Pattern labelPattern = null;
        Path dataDir = null;
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
        return new Options(kubeconfig, contexts, out, admin, labelPattern, dataDir, copy, force);
    }

    private static String value(List<String> rest, String option) throws UsageException {
        if (rest.isEmpty()) {
            throw new UsageException(option + " needs a value\n" + usage());
        }
        return rest.remove(0);
    }

    static String usage() {
        return "usage: fleet-init [--kubeconfig FILE] [--contexts a,b] [--out DIR] [--admin NAME] "
                + "[--label-pattern REGEX] [--data-dir DIR] [--copy-credentials] [--force]";
    }

    /** Files only their owner reads: 0700 directories, 0600 files, created so from the start. */
    static final class SecureFiles {
        private SecureFiles() {
        }

        static Path directory(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            return dir;
        }

        static void write(Path file, String content) throws IOException {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content, StandardCharsets.UTF_8);
        }
    }
}
