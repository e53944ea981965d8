package io.higress.fleet.resources.tls;

import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.FieldChecks;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of a certificate and its key, under the field names of the body they came in ({@code cert}/{@code key},
 * or a Secret's {@code data.tls.crt}/{@code data.tls.key}): both readable PEM, the key the leaf's. Expiry is apart
 * ({@link #expiry}): {@code force=true} overrides it.
 */
final class CertificateChecks {
    private final String certField;
    private final String keyField;

    CertificateChecks(String certField, String keyField) {
        this.certField = certField;
        this.keyField = keyField;
    }

    /** {@code key} null: not given (kept from the store, checked there). */
    List<FieldError> pair(String cert, String key) {
        List<FieldError> errors = new ArrayList<>();
        FieldChecks c = new FieldChecks(errors);
        X509Certificate leaf = null;
        if (c.required(certField, cert)) {
            try {
                leaf = Pem.certificates(cert).get(0);
            } catch (IllegalArgumentException e) {
                c.fail(certField, e.getMessage());
            }
        }
        if (key != null) {
            try {
                PrivateKey k = Pem.privateKey(key);
                if (leaf != null && !Pem.matches(k, leaf)) {
                    c.fail(keyField, "does not match the certificate: it is not the private key of " + certField
                            + "'s public key");
                }
            } catch (IllegalArgumentException e) {
                c.fail(keyField, e.getMessage());
            }
        }
        return errors;
    }

    /** The key a store keeps for a new certificate must be its own. */
    FieldError keptKey(String cert, String key) {
        try {
            if (Pem.matches(Pem.privateKey(key), Pem.certificates(cert).get(0))) {
                return null;
            }
        } catch (IllegalArgumentException e) {
            // the stored key is unreadable: it cannot be kept either
        }
        return new FieldError(keyField, "is required: the private key stored with the current certificate does "
                + "not match the new one; send the new certificate's key");
    }

    /** An expired (or not yet valid) leaf: refused unless force=true. */
    List<FieldError> expiry(String cert, Instant now) {
        CertificateFacts facts = CertificateFacts.of(cert);
        if (facts == null) {
            return List.of();
        }
        if (facts.notAfter().isBefore(now)) {
            return List.of(new FieldError(certField, "expired at " + facts.notAfter()
                    + "; pass force=true to write it anyway"));
        }
        if (facts.notBefore().isAfter(now)) {
            return List.of(new FieldError(certField, "is not valid before " + facts.notBefore()
                    + "; pass force=true to write it anyway"));
        }
        return List.of();
    }
}
