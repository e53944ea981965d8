package io.higress.fleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pruning keeps every unfinished rollout and the finished ones that ended after the cutoff. */
class RolloutJournalRetentionTest {

    static final Instant NOW = Instant.parse("2025-06-10T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void onlyRolloutsThatFinishedBeforeTheCutoffArePruned() {
        RolloutJournal journal = new RolloutJournal(dir);
        journal.append(line("old-succeeded", RolloutState.SUCCEEDED, Duration.ofDays(8)));
        journal.append(line("old-rolled-back", RolloutState.ROLLED_BACK, Duration.ofDays(30)));
        journal.append(line("recent-succeeded", RolloutState.SUCCEEDED, Duration.ofDays(6)));
        journal.append(line("old-running", RolloutState.RUNNING, Duration.ofDays(30)));
        journal.append(line("old-paused", RolloutState.PAUSED, Duration.ofDays(30)));

        assertThat(journal.prune(NOW.minus(Duration.ofDays(7))))
                .containsExactlyInAnyOrder("old-succeeded", "old-rolled-back");

        assertThat(Files.exists(dir.resolve("old-succeeded.jsonl"))).isFalse();
        assertThat(new RolloutJournal(dir).load()).extracting(d -> d.id)
                .containsExactlyInAnyOrder("recent-succeeded", "old-running", "old-paused");
    }

    /** The journal holds the objects it writes, secrets included: only the facade's user may read it. */
    @Test
    void journalFilesAre0600InA0700Directory() throws Exception {
        Path journalDir = dir.resolve("data/rollouts");
        new RolloutJournal(journalDir).append(line("private", RolloutState.RUNNING, Duration.ZERO));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journalDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journalDir.resolve("private.jsonl"))))
                .isEqualTo("rw-------");

        // left looser by an older version: tightened on the next write
        Files.setPosixFilePermissions(journalDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(journalDir.resolve("private.jsonl"), PosixFilePermissions.fromString("rw-r--r--"));
        new RolloutJournal(journalDir).append(line("private", RolloutState.SUCCEEDED, Duration.ZERO));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journalDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journalDir.resolve("private.jsonl"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aMissingDirectoryHasNothingToPrune() {
        assertThat(new RolloutJournal(dir.resolve("absent")).prune(NOW)).isEmpty();
    }

    static Rollout.Line line(String id, RolloutState state, Duration age) {
        RolloutDocument d = new RolloutDocument();
        d.id = id;
        d.state = state;
        d.createdAt = NOW.minus(age).minusSeconds(60);
        d.updatedAt = NOW.minus(age);
        d.waves = List.of();
        return new Rollout(d).line();
    }
}
