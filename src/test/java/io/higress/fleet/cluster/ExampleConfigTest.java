package io.higress.fleet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.higress.fleet.revisions.RevisionsConfig;
import io.higress.fleet.security.SecurityConfig;
import io.higress.fleet.security.redaction.RedactionConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * config/fleet.yaml stays what README and the file itself promise: every key the code reads is in it (set, or
 * shown commented out), every default it states is the code's, and what it sets is valid configuration.
 * ExampleConfigIT starts it as it is against the simulated fleet.
 */
class ExampleConfigTest {

    static final Path EXAMPLE = Path.of("config/fleet.yaml");
    static final List<Class<?>> MAPPINGS = List.of(FleetConfig.class, SecurityConfig.class, RedactionConfig.class,
            RevisionsConfig.class, io.higress.fleet.notifications.NotificationsConfig.class);

    /** A key line, set or commented out ({@code #} at the key's column): indentation, key, the rest. */
    static final Pattern KEY_LINE = Pattern.compile("^(\\s*)(#\\s?)?(\\s*)([a-z0-9][a-z0-9_.-]*):(?:\\s+(.*))?$");
    static final Pattern STATED_DEFAULT = Pattern.compile("\\(default ([^;)]+)[;)]");

    /** One line of the outline: the full path (cluster names and the like as they are) and what follows the key. */
    record Entry(String path, String rest) {
    }

    @Test
    void everyKeyTheCodeReadsIsDocumented() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (Entry e : outline()) {
            documented.add(e.path());
        }
        List<String> missing = new ArrayList<>();
        for (String key : mappingKeys().keySet()) {
            if (!isDocumented(key, documented)) {
                missing.add(key);
            }
        }
        assertThat(missing).as("keys read by the code but not in " + EXAMPLE).isEmpty();
    }

    /**
     * Quarkus refuses a fleet file holding a {@code fleet.*} key no mapping declares ("does not map to any root"):
     * a key read with {@code @ConfigProperty} could be set only with -D, never in the file the docs point to.
     */
    @Test
    void everyFleetKeyIsInAMappingSoThatTheFleetFileMaySetIt() throws IOException {
        Pattern property = Pattern.compile("@ConfigProperty\\(name\\s*=\\s*\"(fleet\\.[^\"]+)\"");
        Set<String> outside = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = property.matcher(Files.readString(source));
                while (m.find()) {
                    outside.add(m.group(1) + " (" + source.getFileName() + ")");
                }
            }
        }
        assertThat(outside).as("declare them in FleetConfig or SecurityConfig").isEmpty();
    }

    @Test
    void everyStatedDefaultIsTheCodesDefault() throws IOException {
        Map<String, String> defaults = effectiveDefaults();
        List<String> wrong = new ArrayList<>();
        for (Entry e : outline()) {
            String key = mappingKey(e.path());
            if (key == null || !defaults.containsKey(key) || e.rest() == null) {
                continue;
            }
            String expected = normalize(defaults.get(key));
            Matcher stated = STATED_DEFAULT.matcher(e.rest());
            String value = normalize(e.rest().replaceFirst("(^|\\s+)#.*", ""));
            if (stated.find()) {
                if (!normalize(stated.group(1)).startsWith(expected)) {
                    wrong.add(e.path() + ": states default " + stated.group(1) + ", the code's is " + expected);
                }
            } else if (!value.isEmpty() && !value.equals(expected)) {
                wrong.add(e.path() + ": " + value + " is not the default (" + expected + ") and does not say so");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void whatItSetsIsValidConfigurationWithoutUnknownKeys() throws IOException {
        FleetFileLoader.Loaded loaded = FleetFileLoader.load(EXAMPLE, Map.of("FLEET_TOKEN_SECRET", "s".repeat(40),
                "FLEET_ADMIN_PASSWORD_HASH", "$2a$04$abcdefghijklmnopqrstuu5Y5V0E2W0C4w2f6oVgOwB0y5o3F7i1G"));
        // the files it names are written by bin/simulated-fleet: ExampleConfigIT runs with them
        assertThat(loaded.errors()).allMatch(e -> e.contains("does not exist or cannot be read"));
        assertThat(loaded.fleet().clusters()).containsOnlyKeys("dev", "test", "prod");
        assertThat(loaded.fleet().clusters().get("test").management()).isEqualTo(Management.CONSOLE);
        assertThat(loaded.fleet().clusters().get("prod").upstreams().envoyAdmin().timeout())
                .contains(java.time.Duration.ofSeconds(3));
        assertThat(loaded.security().users()).containsOnlyKeys("admin");
    }

    /**
     * Per-cluster guard overrides take the keys of fleet.upstreams.KIND: documented there, with the override shown
     * for a cluster. A map's entries ({@code *}) are documented by any example entry.
     */
    static boolean isDocumented(String key, Set<String> documented) {
        String k = key.replaceFirst("^fleet\\.clusters\\.\\*\\.upstreams\\.([a-z-]+)\\.", "fleet.upstreams.$1.");
        if (!k.equals(key) && documented.stream().noneMatch(d -> d.matches("fleet\\.clusters\\.[^.]+\\.upstreams"))) {
            return false;
        }
        Pattern p = Pattern.compile(Pattern.quote(k).replace("*", "\\E[^.]+\\Q"));
        return documented.stream().anyMatch(d -> p.matcher(d).matches());
    }

    /** The mapping key (with {@code *}) an example path is an instance of, or null. */
    static String mappingKey(String path) {
        for (String key : mappingKeys().keySet()) {
            if (Pattern.compile(Pattern.quote(key).replace("*", "\\E[^.]+\\Q")).matcher(path).matches()) {
                return key;
            }
        }
        return null;
    }

    /** The example's outline: every key line, set or commented out, with its full path. */
    static List<Entry> outline() throws IOException {
        List<Entry> entries = new ArrayList<>();
        Deque<Map.Entry<Integer, String>> stack = new ArrayDeque<>();
        for (String line : Files.readAllLines(EXAMPLE)) {
            Matcher m = KEY_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            // a commented key's '#' stands at its column: "#   key:" is two deeper than "# key:"
            int indent = m.group(1).length() + m.group(3).length();
            while (!stack.isEmpty() && stack.peek().getKey() >= indent) {
                stack.pop();
            }
            String parent = stack.isEmpty() ? "" : stack.peek().getValue() + ".";
            String path = parent + m.group(4);
            String rest = m.group(5);
            entries.add(new Entry(path, rest));
            stack.push(Map.entry(indent, path));
            if (rest != null && rest.startsWith("{")) { // a flow mapping: its keys are children
                flow(path, rest, entries);
            }
        }
        return entries;
    }

    private static void flow(String path, String text, List<Entry> into) {
        Object parsed;
        try {
            parsed = new Yaml().load("x: " + text);
        } catch (RuntimeException e) {
            return; // not a flow mapping SnakeYAML reads: its keys count as undocumented
        }
        if (parsed instanceof Map<?, ?> root && root.get("x") instanceof Map<?, ?> map) {
            map.forEach((k, v) -> into.add(new Entry(path + "." + k, String.valueOf(v))));
        }
    }

    /** Every key of the mappings, maps' keys as {@code *}, with its {@code @WithDefault} (or null). */
    static Map<String, String> mappingKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Class<?> mapping : MAPPINGS) {
            collect(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, keys);
        }
        return keys;
    }

    private static void collect(String prefix, Class<?> group, Map<String, String> into) {
        for (Method m : group.getMethods()) {
            if (m.getParameterCount() > 0 || Modifier.isStatic(m.getModifiers()) || m.isDefault()) {
                continue;
            }
            WithName name = m.getAnnotation(WithName.class);
            String key = prefix + "." + (name != null ? name.value() : kebab(m.getName()));
            WithDefault def = m.getAnnotation(WithDefault.class);
            add(key, m.getGenericReturnType(), def == null ? null : def.value(), into);
        }
    }

    private static void add(String key, Type type, String def, Map<String, String> into) {
        if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
            add(key + ".*", p.getActualTypeArguments()[1], def, into);
        } else if (type instanceof ParameterizedType p && p.getRawType() == java.util.Optional.class) {
            add(key, p.getActualTypeArguments()[0], def, into);
        } else if (type instanceof Class<?> c && c.isInterface() && c.getName().startsWith("io.higress.")) {
            collect(key, c, into);
        } else {
            into.put(key, def);
        }
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code @WithDefault}s, overridden where application.properties sets a default of its own. */
    static Map<String, String> effectiveDefaults() throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        mappingKeys().forEach((k, v) -> {
            if (v != null) {
                defaults.put(k, v);
            }
        });
        Properties app = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            app.load(in);
        }
        app.stringPropertyNames().stream().filter(k -> k.startsWith("fleet.") && !k.startsWith("%"))
                .forEach(k -> defaults.put(k, app.getProperty(k)));
        return defaults;
    }

    /** Lists without brackets and spaces, quotes dropped: "[a, b]" and "a,b" compare equal. */
    static String normalize(String value) {
        return value.strip().replaceAll("^\"|\"$", "").replaceAll("[\\[\\]\\s]", "");
    }
}
