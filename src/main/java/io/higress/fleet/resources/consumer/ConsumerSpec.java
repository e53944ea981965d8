package io.higress.fleet.resources.consumer;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.resources.Spec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A consumer, the Higress Console's Consumer: its {@code name} and {@code credentials} (secret as a whole: viewers and
 * operators read {@code ["[redacted]"]}). The console has one credential type, {@code key-auth} (its
 * CredentialType; jwt-auth and hmac-auth exist only in an unmerged change of the console, higress-console#673).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsumerSpec(String name, List<Credential> credentials, String namespace) implements Spec {

    /**
     * A credential, the console's KeyAuthCredential: {@code type} {@code key-auth}, {@code source} {@code BEARER}
     * ({@code Authorization: Bearer <value>}), {@code HEADER} or {@code QUERY} (both with the header's or the query
     * parameter's name as {@code key}), and the accepted {@code values}.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Credential(String type, String source, String key, List<String> values) {
    }
}
