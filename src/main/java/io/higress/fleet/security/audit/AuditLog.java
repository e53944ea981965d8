package io.higress.fleet.security.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.higress.fleet.security.PrivateFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The audit log file: JSON lines appended to {@code <dir>/audit.log}, rotated by size to audit.log.1 ... .N. One
 * thread owns the file, so callers (event loop included) only enqueue, and reads see whole lines in order. Each
 * entry is written straight to the file (no user-space buffer), optionally fsync'ed.
 */
public class AuditLog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    static final String FILE = "audit.log";

    private final Path dir;
    private final long maxFileBytes;
    private final int maxFiles;
    private final boolean fsync;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final ThreadPoolExecutor owner;
    private FileChannel channel;

    public AuditLog(Path dir, long maxFileBytes, int maxFiles, boolean fsync) {
        this.dir = dir;
        this.maxFileBytes = maxFileBytes;
        this.maxFiles = Math.max(1, maxFiles);
        this.fsync = fsync;
        // Bounded queue: a stuck disk must not eat the heap; a dropped entry is reported in the log.
        this.owner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(10_000),
                r -> {
                    Thread t = new Thread(r, "fleet-audit");
                    t.setDaemon(true);
                    return t;
                },
                (r, e) -> LOG.error("Audit queue full: an audit entry was dropped"));
    }

    /** Queues the entry; never blocks. */
    public void append(AuditEntry entry) {
        byte[] line;
        try {
            line = (json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        owner.execute(() -> write(line));
    }

    /** The matching entries, newest first, across the current and rotated files. Runs on the log's own thread. */
    public CompletionStage<List<AuditEntry>> query(AuditQuery query) {
        return CompletableFuture.supplyAsync(() -> read(query), owner);
    }

    @Override
    public void close() {
        owner.shutdown();
        try {
            owner.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeChannel();
    }

    private void write(byte[] line) {
        try {
            if (channel == null) {
                PrivateFiles.directory(dir);
                channel = PrivateFiles.append(dir.resolve(FILE));
            }
            if (channel.size() > 0 && channel.size() + line.length > maxFileBytes) {
                rotate();
            }
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            if (fsync) {
                channel.force(false);
            }
        } catch (IOException e) {
            LOG.errorf("Cannot write the audit log in %s: %s", dir, e.getMessage());
            closeChannel();
        }
    }

    private void rotate() throws IOException {
        closeChannel();
        Files.deleteIfExists(rotated(maxFiles));
        for (int i = maxFiles - 1; i >= 1; i--) {
            if (Files.exists(rotated(i))) {
                Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(dir.resolve(FILE), rotated(1), StandardCopyOption.REPLACE_EXISTING);
        channel = PrivateFiles.append(dir.resolve(FILE));
    }

    private Path rotated(int i) {
        return dir.resolve(FILE + "." + i);
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to do with a broken file
            }
            channel = null;
        }
    }

    private List<AuditEntry> read(AuditQuery q) {
        Deque<AuditEntry> newest = new ArrayDeque<>();
        List<Path> oldestFirst = new ArrayList<>();
        for (int i = maxFiles; i >= 1; i--) {
            oldestFirst.add(rotated(i));
        }
        oldestFirst.add(dir.resolve(FILE));
        for (Path file : oldestFirst) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    AuditEntry e = parse(line);
                    if (e != null && q.accepts(e)) {
                        newest.addFirst(e);
                        if (newest.size() > q.limit()) {
                            newest.removeLast();
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return List.copyOf(newest);
    }

    private AuditEntry parse(String line) {
        try {
            return line.isBlank() ? null : json.readValue(line, AuditEntry.class);
        } catch (IOException e) {
            return null; // a line torn by a crash is skipped, the others still count
        }
    }
}
