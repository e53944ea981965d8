package io.higress.fleet.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    static AuditEntry entry(int i, String principal, String action, int status) {
        return new AuditEntry(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i).toString(), "req-" + i, principal,
                List.of("operator"), action, Map.of("clusters", "dev"), null, status, AuditEntry.outcomeOf(status), "1.2.3.4");
    }

    static List<AuditEntry> all(AuditLog log) {
        return log.query(new AuditQuery(null, null, null, null, 1000)).toCompletableFuture().join();
    }

    @Test
    void entriesSurviveARestartAndRotationNewestFirst() throws Exception {
        AuditLog first = new AuditLog(dir, 600, 3, true);
        for (int i = 0; i < 4; i++) {
            first.append(entry(i, "olga", "POST /api/v1/routes", 201));
        }
        first.close();
        AuditLog second = new AuditLog(dir, 600, 3, false);
        for (int i = 4; i < 8; i++) {
            second.append(entry(i, "vic", "POST /api/v1/routes", 403));
        }
        List<AuditEntry> read = all(second);
        assertThat(Files.exists(dir.resolve("audit.log.1"))).isTrue();
        assertThat(read).extracting(AuditEntry::requestId)
                .containsExactly("req-7", "req-6", "req-5", "req-4", "req-3", "req-2", "req-1", "req-0");
        second.close();
    }

    @Test
    void aWritesObjectsAndOutcomesAreKept() {
        AuditLog log = new AuditLog(dir, 1 << 20, 2, false);
        List<AuditedWrite> writes = List.of(new AuditedWrite("dev", "Ingress", "higress-system", "r1", "created", "17"),
                new AuditedWrite("prod", "Ingress", "higress-system", "r1", "unknown", null));
        log.append(new AuditEntry("2025-01-01T00:00:00Z", "req-w", "olga", List.of("operator"), "POST /api/v1/routes",
                Map.of("clusters", "dev,prod"), writes, 207, "ok", null));
        assertThat(all(log)).singleElement().extracting(AuditEntry::writes).isEqualTo(writes);
        log.close();
    }

    /** Who did what is not for every local user: 0600 files, rotated ones too, in a 0700 directory. */
    @Test
    void filesAre0600InA0700Directory() throws Exception {
        Path auditDir = dir.resolve("data/audit");
        AuditLog log = new AuditLog(auditDir, 300, 2, false);
        for (int i = 0; i < 5; i++) {
            log.append(entry(i, "olga", "DELETE /api/v1/routes/r" + i, 200));
        }
        written(log);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(auditDir))).isEqualTo("rwx------");
        for (String file : new String[] {"audit.log", "audit.log.1"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(auditDir.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
        log.close();
    }

    @Test
    void oldestRotatedFilesAreDropped() throws Exception {
        AuditLog log = new AuditLog(dir, 300, 2, false);
        for (int i = 0; i < 20; i++) {
            log.append(entry(i, "olga", "DELETE /api/v1/routes/r" + i, 200));
        }
        written(log);
        assertThat(Files.exists(dir.resolve("audit.log.2"))).isTrue();
        assertThat(Files.exists(dir.resolve("audit.log.3"))).isFalse();
        List<AuditEntry> read = all(log);
        assertThat(read.get(0).requestId()).isEqualTo("req-19");
        assertThat(read.size()).isLessThan(20);
        log.close();
    }

    @Test
    void filtersByTimePrincipalActionAndLimit() {
        AuditLog log = new AuditLog(dir, 1 << 20, 2, false);
        for (int i = 0; i < 10; i++) {
            log.append(entry(i, i % 2 == 0 ? "olga" : "vic", i < 5 ? "POST /api/v1/routes" : "DELETE /api/v1/routes/x",
                    200));
        }
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        List<AuditEntry> r = log.query(new AuditQuery(t0.plusSeconds(2), t0.plusSeconds(8), "olga", "POST", 10))
                .toCompletableFuture().join();
        assertThat(r).extracting(AuditEntry::requestId).containsExactly("req-4", "req-2");
        List<AuditEntry> limited = log.query(new AuditQuery(null, null, null, "DELETE /api/v1/routes", 2))
                .toCompletableFuture().join();
        assertThat(limited).extracting(AuditEntry::requestId).containsExactly("req-9", "req-8");
        log.close();
    }

    @Test
    void aTornLastLineIsSkipped() throws Exception {
        AuditLog log = new AuditLog(dir, 1 << 20, 2, false);
        log.append(entry(1, "olga", "POST /api/v1/routes", 201));
        written(log);
        Files.writeString(dir.resolve("audit.log"), "{\"time\":\"2025-", java.nio.file.StandardOpenOption.APPEND);
        assertThat(all(log)).hasSize(1);
        log.close();
    }

    @Test
    void auditedAreWritesAndDenials() {
        assertThat(AuditRecorder.isAudited("POST", "/api/v1/routes", 201)).isTrue();
        assertThat(AuditRecorder.isAudited("DELETE", "/api/v1/routes/r", 500)).isTrue();
        assertThat(AuditRecorder.isAudited("GET", "/api/v1/routes", 200)).isFalse();
        assertThat(AuditRecorder.isAudited("GET", "/api/v1/audit", 403)).isTrue();
        assertThat(AuditRecorder.isAudited("GET", "/q/metrics", 401)).isTrue();
        assertThat(AuditRecorder.isAudited("POST", "/api/v1/user/login", 429)).isTrue();
        assertThat(AuditRecorder.resourceOf("/api/v1/routes/r1")).isEqualTo("routes/r1");
        assertThat(AuditRecorder.resourceOf("/api/v1/routes")).isNull();
    }

    /** Waits until every appended entry is on disk: a query runs on the log's own thread, after the queued writes. */
    private static void written(AuditLog log) {
        log.query(new AuditQuery(null, null, null, null, 1)).toCompletableFuture().join();
    }
}
