package io.higress.fleet.rollout;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.higress.fleet.security.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Durable rollout state: one file {@code <id>.jsonl} per rollout in a directory, one line per step boundary, each
 * line the whole {@link RolloutDocument} after that step, fsync'd before the engine goes on. Replay reads the last
 * complete line (a line cut short by a crash does not parse and is skipped). Blocking file I/O: call it from a worker
 * thread, never from the event loop.
 */
public final class RolloutJournal implements RolloutStore {
    private static final Logger LOG = Logger.getLogger(RolloutJournal.class);

    private final Path dir;
    private final Map<String, Long> written = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public RolloutJournal(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Appends and syncs a line unless a newer line of the same rollout was written already. */
    @Override
    public void write(Rollout.Line line) {
        append(line);
    }

    void append(Rollout.Line line) {
        synchronized (lockOf(line.rolloutId())) {
            if (written.getOrDefault(line.rolloutId(), 0L) >= line.seq()) {
                return;
            }
            try {
                PrivateFiles.directory(dir); // the objects it holds carry secrets
                try (FileChannel ch = PrivateFiles.append(dir.resolve(line.rolloutId() + ".jsonl"))) {
                    ch.write(ByteBuffer.wrap((line.json() + "\n").getBytes(StandardCharsets.UTF_8)));
                    ch.force(true);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the rollout journal in " + dir, e);
            }
            written.put(line.rolloutId(), line.seq());
        }
    }

    private Object lockOf(String rolloutId) {
        return locks.computeIfAbsent(rolloutId, k -> new Object());
    }

    /** The last journaled state of every rollout. */
    @Override
    public List<RolloutDocument> load() {
        List<RolloutDocument> out = new ArrayList<>();
        try {
            for (Path f : files()) {
                RolloutDocument last = lastComplete(f);
                if (last != null) {
                    out.add(last);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rollout journal in " + dir, e);
        }
        return out;
    }

    /** Deletes the journal of every rollout that ended (its last change) before {@code cutoff}; answers their ids. */
    @Override
    public List<String> prune(Instant cutoff) {
        List<String> pruned = new ArrayList<>();
        try {
            for (Path f : files()) {
                RolloutDocument last = lastComplete(f);
                if (last != null && last.state.terminal() && last.updatedAt.isBefore(cutoff)) {
                    Files.delete(f);
                    pruned.add(last.id);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune the rollout journal in " + dir, e);
        }
        if (!pruned.isEmpty()) {
            LOG.infof("Pruned the journals of %d rollouts finished before %s", pruned.size(), cutoff);
        }
        return pruned;
    }

    private List<Path> files() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    private static RolloutDocument lastComplete(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            try {
                return RolloutJson.MAPPER.readValue(lines.get(i), RolloutDocument.class);
            } catch (JsonProcessingException e) {
                LOG.warnf("%s line %d is incomplete (a crash while writing?); using the line before", file, i + 1);
            }
        }
        return null;
    }
}
