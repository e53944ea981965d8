package io.higress.fleet.cluster;

import io.higress.fleet.security.SecurityConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads a fleet file the way the facade does (SmallRye Config's YAML source, the real mappings, expressions
 * expanded), without starting Quarkus: for tests of the files the docs and tools hand out. Unknown keys under
 * {@code fleet.} are errors here, so a misspelt key in such a file fails its test.
 */
public final class FleetFileLoader {

    public record Loaded(FleetConfig fleet, SecurityConfig security, List<String> errors) {
    }

    private FleetFileLoader() {
    }

    /** {@code values}: what the environment would give (e.g. {@code FLEET_TOKEN_SECRET}); they lose to the file. */
    public static Loaded load(Path yaml, Map<String, String> values) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus' "5s", "2m", "7d"
                .withSources(new YamlConfigSource(yaml.toUri().toURL(), 250))
                .withSources(new PropertiesConfigSource(values, "environment", 100))
                .withMapping(FleetConfig.class)
                .withMapping(SecurityConfig.class)
                .withMapping(io.higress.fleet.revisions.RevisionsConfig.class)
                .withMapping(io.higress.fleet.notifications.NotificationsConfig.class)
                .withValidateUnknown(true)
                .build();
        FleetConfig fleet = config.getConfigMapping(FleetConfig.class);
        return new Loaded(fleet, config.getConfigMapping(SecurityConfig.class), FleetConfigValidator.validate(fleet));
    }

    /** The same for a YAML text. */
    public static Loaded load(String yaml, Map<String, String> values, Path dir) throws IOException {
        return load(Files.writeString(Files.createTempFile(dir, "fleet", ".yaml"), yaml), values);
    }
}
