package io.higress.fleet.admin.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.admin.redact.ConfigDumpRedactor;
import io.higress.fleet.admin.redact.JsonNodeRedactor;
import io.higress.fleet.admin.redact.SecretKeyMatcher;
import io.higress.fleet.cluster.FleetConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Who sees secrets: admins see Envoy's answers as they are, everyone else gets {@code "[redacted]"} under the keys
 * of {@code fleet.redaction.keys}. Admins' dumps still go through a redactor with no keys, which checks and
 * compacts them like everyone else's.
 */
@ApplicationScoped
public class SecretRedaction {

    private final ConfigDumpRedactor redacting;
    private final ConfigDumpRedactor verbatim = new ConfigDumpRedactor(new SecretKeyMatcher(List.of()));
    private final JsonNodeRedactor nodes;

    public SecretRedaction(FleetConfig config) {
        SecretKeyMatcher matcher = new SecretKeyMatcher(config.redaction().keys());
        this.redacting = new ConfigDumpRedactor(matcher);
        this.nodes = new JsonNodeRedactor(matcher);
    }

    public ConfigDumpRedactor dumpRedactor(boolean admin) {
        return admin ? verbatim : redacting;
    }

    /** Envoy JSON kept as it is (server_info, certs, memory) is redacted too; parsed summaries hold no secrets. */
    public Object redact(Object data, boolean admin) {
        return !admin && data instanceof JsonNode node ? nodes.redact(node) : data;
    }
}
