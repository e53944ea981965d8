package io.higress.fleet.revisions;

import io.higress.fleet.security.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Revisions under {@code <fleet.data-dir>/revisions}, one file {@code <id>.json} each, owner-only
 * ({@link PrivateFiles}: the directory 0700, the files 0600, written whole or not at all), read once at start-up and
 * then kept in memory. One replica's: with several, configure a home cluster.
 */
final class DataDirRevisionStore implements RevisionStore {
    private static final Logger LOG = Logger.getLogger(DataDirRevisionStore.class);
    static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");

    private final Path dir;
    private final Map<String, Revision> kept = new ConcurrentHashMap<>();

    DataDirRevisionStore(Path dir) {
        this.dir = dir;
        try {
            PrivateFiles.directory(dir);
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".json")).forEach(this::load);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the revisions in " + dir, e);
        }
    }

    private void load(Path file) {
        try {
            Revision r = RevisionJson.MAPPER.readValue(Files.readString(file), Revision.class);
            kept.put(r.id(), r);
        } catch (IOException | RuntimeException e) { // one unreadable file does not hide the others
            LOG.warnf("Skipping the unreadable revision file %s: %s", file, e.getMessage());
        }
    }

    Path file(String id) {
        return dir.resolve(id + ".json");
    }

    @Override
    public void add(Revision revision) {
        try {
            PrivateFiles.write(file(revision.id()), RevisionJson.MAPPER.writeValueAsString(revision));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write revision " + revision.id() + " in " + dir, e);
        }
        kept.put(revision.id(), revision);
    }

    @Override
    public List<Revision> all() {
        return new ArrayList<>(kept.values());
    }

    @Override
    public Optional<Revision> find(String id) {
        return Optional.ofNullable(kept.get(id));
    }

    @Override
    public void remove(Collection<String> ids) {
        for (String id : ids) {
            kept.remove(id);
            try {
                Files.deleteIfExists(file(id));
            } catch (IOException e) {
                LOG.warnf("Cannot delete the revision file of %s: %s", id, e.getMessage());
            }
        }
    }
}
