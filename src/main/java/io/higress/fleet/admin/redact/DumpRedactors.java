package io.higress.fleet.admin.redact;

import io.higress.fleet.security.redaction.Redaction;
import io.higress.fleet.security.redaction.SecretKeyMatcher;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The streamed config_dump redactors, with the keys of the one redaction service: admins' dumps still go through a
 * redactor with no keys, which checks and compacts them like everyone else's.
 */
@ApplicationScoped
public class DumpRedactors {

    private final ConfigDumpRedactor redacting;
    private final ConfigDumpRedactor verbatim = new ConfigDumpRedactor(SecretKeyMatcher.none());

    public DumpRedactors(Redaction redaction) {
        this.redacting = new ConfigDumpRedactor(redaction.keys());
    }

    public ConfigDumpRedactor forCaller(boolean admin) {
        return admin ? verbatim : redacting;
    }
}
