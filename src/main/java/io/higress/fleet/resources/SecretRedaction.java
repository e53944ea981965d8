package io.higress.fleet.resources;

import io.higress.fleet.security.redaction.Redaction;
import java.util.Arrays;

/**
 * Plugin configurations carry secrets (the brief's {@code api_tokens}). Non-admins see them redacted, by the one
 * redaction service, in reads, exports and the field differences of write answers (which also show the cluster's
 * previous values).
 */
public final class SecretRedaction {

    private SecretRedaction() {
    }

    public static WriteAnswer redact(WriteAnswer answer, Redaction redaction) {
        return new WriteAnswer(answer.results().stream().map(r -> redact(r, redaction)).toList(), answer.summary(),
                answer.dryRun());
    }

    private static WriteResult redact(WriteResult r, Redaction redaction) {
        WriteResult out = r.changes() == null ? r
                : r.withChanges(r.changes().stream().map(c -> redact(c, redaction)).toList());
        if (out.error() != null && out.error().detail() != null) {
            // an upstream's message may quote the value it refused
            out = out.withError(out.error().withDetail(redaction.redact(out.error().detail())));
        }
        return out;
    }

    /** A change under a secret key ({@code /spec/defaultConfig/services/0/api_tokens/0}) hides both values. */
    public static FieldChange redact(FieldChange c, Redaction redaction) {
        boolean secret = Arrays.stream(c.path().split("/")).map(s -> s.replace("~1", "/").replace("~0", "~"))
                .anyMatch(redaction::isSecret);
        if (secret) {
            return new FieldChange(c.path(), c.from() == null ? null : redaction.placeholder(c.from()),
                    c.to() == null ? null : redaction.placeholder(c.to()));
        }
        return new FieldChange(c.path(), redaction.redact(c.from()), redaction.redact(c.to()));
    }
}
