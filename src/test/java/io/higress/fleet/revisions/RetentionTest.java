package io.higress.fleet.revisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.resources.Applier;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.ObjectAddress;
import io.higress.fleet.resources.ObjectRef;
import io.higress.fleet.resources.StoredObject;
import io.higress.fleet.resources.WriteRecorder;
import io.higress.fleet.security.redaction.Redaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention by count and age, over the data-directory store, with the clock set by the test. */
class RetentionTest {
    static final KubernetesType CONFIG_MAP = new KubernetesType("v1", "ConfigMap", "configmaps");

    @TempDir
    Path dir;

    static RevisionsConfig config(int maxCount, Duration maxAge) {
        return new RevisionsConfig() {
            @Override
            public int maxCount() {
                return maxCount;
            }

            @Override
            public Duration maxAge() {
                return maxAge;
            }
        };
    }

    static WriteRecorder.Written write(String name, String value) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        body.putObject("metadata").put("name", name).put("namespace", "ns");
        body.putObject("data").put("value", value).put("password", "hunter2-" + value);
        StoredObject o = new StoredObject(new ObjectAddress(CONFIG_MAP, "ns", name), body, "1");
        return new WriteRecorder.Written("dev", new ObjectRef("ConfigMap", "ns", name), Applier.Write.MANIFESTS,
                "ConfigMap", "created", List.of(), List.of(o), null);
    }

    Revisions revisions(int maxCount, Duration maxAge, Instant now) {
        Revisions r = new Revisions(new DataDirRevisionStore(dir.resolve("revisions")), config(maxCount, maxAge),
                Redaction.defaults(), null);
        r.clock = Clock.fixed(now, ZoneOffset.UTC);
        return r;
    }

    static final WriteRecorder.Origin ORIGIN = new WriteRecorder.Origin("alice", "req-1", null, "test");

    @Test
    void theOldestGoPastTheCount() throws IOException {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Revisions r = revisions(3, Duration.ofDays(30), t0);
        for (int i = 0; i < 5; i++) {
            r.clock = Clock.fixed(t0.plusSeconds(i), ZoneOffset.UTC);
            r.written(ORIGIN, write("cm-" + i, "v" + i)).await().indefinitely();
        }
        assertThat(r.store().all()).extracting(Revision::name).containsExactlyInAnyOrder("cm-2", "cm-3", "cm-4");
        try (Stream<Path> files = Files.list(dir.resolve("revisions"))) {
            List<Path> kept = files.toList();
            assertThat(kept).hasSize(3);
            for (Path f : kept) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
                assertThat(Files.readString(f)).doesNotContain("hunter2").contains("[redacted]");
            }
        }
        // what is kept is what a restart reads
        assertThat(revisions(3, Duration.ofDays(30), t0).store().all()).hasSize(3);
    }

    @Test
    void thoseOlderThanTheAgeGo() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Revisions r = revisions(100, Duration.ofHours(1), t0);
        r.written(ORIGIN, write("old", "a")).await().indefinitely();
        r.clock = Clock.fixed(t0.plus(Duration.ofMinutes(30)), ZoneOffset.UTC);
        r.written(ORIGIN, write("younger", "b")).await().indefinitely();
        assertThat(r.store().all()).hasSize(2);
        r.clock = Clock.fixed(t0.plus(Duration.ofMinutes(61)), ZoneOffset.UTC);
        r.written(ORIGIN, write("new", "c")).await().indefinitely();
        assertThat(r.store().all()).extracting(Revision::name).containsExactlyInAnyOrder("younger", "new");
    }

    @Test
    void aRevisionSaysWhoAndWhyAndHidesItsSecrets() {
        Revisions r = revisions(10, Duration.ofDays(1), Instant.parse("2026-01-01T00:00:00Z"));
        r.written(ORIGIN, write("cm", "v")).await().indefinitely();
        Revision kept = r.store().all().get(0);
        assertThat(kept.who()).isEqualTo("alice");
        assertThat(kept.requestId()).isEqualTo("req-1");
        assertThat(kept.after().get(0).body().path("data").path("password").asText()).isEqualTo("[redacted]");
        assertThat(kept.changes()).filteredOn(c -> c.path().contains("password"))
                .allSatisfy(c -> assertThat(c.to().asText()).isEqualTo("[redacted]"));
        assertThat(kept.changes().toString()).doesNotContain("hunter2");
    }
}
