package io.higress.fleet.desiredstate;

import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.resources.Json;
import io.higress.fleet.security.PrivateFiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The sets, one owner-only JSON file each under {@code <data-dir>/desired-states/} (manifests may carry secrets),
 * read once at start and kept in memory. Blocking: called on worker threads only.
 */
@ApplicationScoped
class DesiredStateStore {
    private static final Logger LOG = Logger.getLogger(DesiredStateStore.class);

    private final Path dir;
    private final Map<String, DesiredState> sets = new ConcurrentHashMap<>();

    DesiredStateStore(FleetConfig config) {
        this.dir = Path.of(config.dataDir(), "desired-states");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".json")).forEach(this::load);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the desired-state sets in " + dir, e);
            }
        }
    }

    private void load(Path file) {
        try {
            DesiredState s = Json.MAPPER.readValue(Files.readString(file), DesiredState.class);
            sets.put(s.name(), s);
        } catch (IOException e) {
            LOG.errorf("desired-state set %s is unreadable and left out: %s", file, e.getMessage());
        }
    }

    List<DesiredState> all() {
        return sets.values().stream().sorted(Comparator.comparing(DesiredState::name)).toList();
    }

    Optional<DesiredState> get(String name) {
        return Optional.ofNullable(sets.get(name));
    }

    /** @return whether it replaced a set of that name */
    boolean put(DesiredState set) {
        try {
            PrivateFiles.directory(dir);
            PrivateFiles.write(dir.resolve(set.name() + ".json"), Json.MAPPER.writeValueAsString(set));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store desired-state set " + set.name(), e);
        }
        return sets.put(set.name(), set) != null;
    }

    boolean remove(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove desired-state set " + name, e);
        }
        return sets.remove(name) != null;
    }
}
