package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

/**
 * The login tokens of {@code fleetctl login}, one per facade URL, in {@code <config dir>/token}: a token is only ever
 * sent to the facade that issued it. The file is written 0600 (its directory 0700) through a temporary file created
 * with those permissions, so the token is never readable by others, not even for a moment.
 */
final class TokenStore {
    record Stored(String token, Instant expiresAt) {
        boolean expired(Instant now) {
            return expiresAt != null && !now.isBefore(expiresAt);
        }
    }

    private final Path file;

    TokenStore(Path dir) {
        this.file = dir.resolve("token");
    }

    Path file() {
        return file;
    }

    Optional<Stored> find(URI url) {
        JsonNode entry = read().get(key(url));
        if (entry == null || Json.text(entry, "token") == null) {
            return Optional.empty();
        }
        String expires = Json.text(entry, "expiresAt");
        return Optional.of(new Stored(Json.text(entry, "token"), expires == null ? null : Instant.parse(expires)));
    }

    void store(URI url, String token, Instant expiresAt) {
        ObjectNode all = read();
        ObjectNode entry = all.putObject(key(url));
        entry.put("token", token);
        entry.put("expiresAt", expiresAt.toString());
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                createPrivate(dir);
            }
            Path tmp = Files.createTempFile(dir, ".token", ".tmp", ownerOnly("rw-------"));
            try {
                Files.writeString(tmp, Json.pretty(all) + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw CliFailure.failed("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode read() {
        if (!Files.isRegularFile(file)) {
            return Json.JSON.createObjectNode();
        }
        try {
            JsonNode tree = Json.JSON.readTree(file.toFile());
            return tree instanceof ObjectNode o ? o : Json.JSON.createObjectNode();
        } catch (IOException e) {
            throw CliFailure.usage(file + ": unreadable (" + e.getMessage() + "); delete it and log in again");
        }
    }

    private static void createPrivate(Path dir) throws IOException {
        Path parent = dir.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, ownerOnly("rwx------"));
        } catch (FileAlreadyExistsException raced) {
            // another fleetctl created it: fine
        }
    }

    private static FileAttribute<?>[] ownerOnly(String permissions) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(permissions))} : new FileAttribute<?>[0];
    }

    private static String key(URI url) {
        return url.toString();
    }
}
