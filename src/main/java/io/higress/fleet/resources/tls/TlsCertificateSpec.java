package io.higress.fleet.resources.tls;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.resources.Spec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A TLS certificate: {@code {"name", "cert": "<PEM chain, leaf first>", "key": "<PEM private key>"}}. {@code key} is
 * write-only: no answer carries it, admins' included (a PUT without it keeps the stored one where the store can).
 * {@code domains} (the leaf's CN and DNS names), {@code validityStart}, {@code validityEnd} (ISO-8601) and
 * {@code serialNumber} (hex; Kubernetes copies only: the console does not answer the certificate) are read from the
 * certificate; given in a body they are ignored.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TlsCertificateSpec(String name, String cert, String key, List<String> domains, String validityStart,
        String validityEnd, String serialNumber, String namespace) implements Spec {

    /** The same certificate read back: the key left out, the facts of {@code cert} filled in. */
    static TlsCertificateSpec read(String name, String cert, String namespace) {
        CertificateFacts facts = CertificateFacts.of(cert);
        return facts == null ? new TlsCertificateSpec(name, cert, null, null, null, null, null, namespace)
                : new TlsCertificateSpec(name, cert, null, facts.domains(), facts.notBefore().toString(),
                        facts.notAfter().toString(), facts.serialNumber(), namespace);
    }
}
