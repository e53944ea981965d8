package io.higress.fleet.resources.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.resources.FieldChecks;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.KindView;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.KubernetesObjectForm;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.ObjectShape;
import io.higress.fleet.resources.Ownership;
import io.higress.fleet.security.redaction.SecretKeyMatcher;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * TLS certificates ({@code /api/v1/tls-certificates}): on Kubernetes a Secret of type {@code kubernetes.io/tls}
 * ({@code data.tls.crt}, {@code data.tls.key}, base64 PEM) labelled, as the console does, {@code
 * higress.io/domain_<domain>: "true"} per domain of the certificate; through the console its
 * {@code /v1/tls-certificates} ({@link ConsoleTlsForm}). The certificate and key must be readable PEM and belong
 * together; an expired certificate needs {@code force=true}. The private key is write-only everywhere: the Secret's
 * {@code /data/tls.key} is a write-only value of the type ({@link ObjectShape}), so differences show its digest and
 * exports the placeholder; reads never decode it.
 */
public final class TlsCertificateKind implements Kind<TlsCertificateSpec> {
    static final String CRT = "tls.crt";
    static final String KEY = "tls.key";
    static final String SECRET_TYPE = "kubernetes.io/tls";
    static final String DOMAIN_LABEL = "higress.io/domain_";
    static final KubernetesType SECRET = new KubernetesType("v1", "Secret", "secrets",
            new ObjectShape(List.of("type", "data"), Map.of(), Map.of("type", SECRET_TYPE), List.of("/data/" + KEY)));
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

    private static final KindNames NAMES = new KindNames("tls-certificate", "tls-certificates", "Secret",
            "tlsCertificates", "TLS certificates: Secrets of type kubernetes.io/tls");
    private static final CertificateChecks BODY = new CertificateChecks("cert", "key");
    private static final CertificateChecks SECRET_DATA = new CertificateChecks("data." + CRT, "data." + KEY);

    private final KubernetesForm<TlsCertificateSpec> kubernetes = new KubernetesObjectForm<>(SECRET,
            UnaryOperator.identity(), TlsCertificateKind::toObject, TlsCertificateKind::fromObject);
    private final ConsoleTlsForm console = new ConsoleTlsForm();

    @Override
    public Set<String> listViews() {
        return Set.of(KindView.EXPIRING_WITHIN);
    }

    @Override
    public KindNames names() {
        return NAMES;
    }

    @Override
    public Class<TlsCertificateSpec> specClass() {
        return TlsCertificateSpec.class;
    }

    @Override
    public List<FieldError> validate(TlsCertificateSpec t) {
        List<FieldError> errors = new ArrayList<>();
        FieldChecks c = new FieldChecks(errors);
        c.subdomain("name", t.name());
        c.namespace("namespace", t.namespace());
        errors.addAll(BODY.pair(t.cert(), t.key()));
        return errors;
    }

    @Override
    public List<FieldError> forceChecks(TlsCertificateSpec t) {
        return BODY.expiry(t.cert(), Instant.now());
    }

    /** A Secret of a manifest: certificate and key as in a body; a placeholder key is checked once restored. */
    @Override
    public List<FieldError> checkObject(ObjectNode secret, boolean force) {
        String cert = decoded(secret, CRT);
        String key = decoded(secret, KEY);
        List<FieldError> errors = new ArrayList<>();
        if (SecretKeyMatcher.REDACTED.equals(secret.path("data").path(KEY).asText(null))) {
            key = null;
        } else if (key == null) {
            errors.add(new FieldError("data." + KEY, "is required: the certificate's private key, base64 PEM"));
        }
        errors.addAll(SECRET_DATA.pair(cert, key));
        if (!force) {
            errors.addAll(SECRET_DATA.expiry(cert, Instant.now()));
        }
        return errors;
    }

    /** A console copy shows no certificate: copies of both stores compare on what the certificate says. */
    @Override
    public JsonNode acrossStores(TlsCertificateSpec t) {
        return Json.tree(new TlsCertificateSpec(t.name(), null, null, t.domains(), t.validityStart(),
                t.validityEnd(), null, t.namespace()));
    }

    /** Before the domains that name them. */
    @Override
    public int exportOrder() {
        return 15;
    }

    @Override
    public KubernetesForm<TlsCertificateSpec> kubernetes() {
        return kubernetes;
    }

    @Override
    public Optional<Form<TlsCertificateSpec>> console() {
        return Optional.of(console);
    }

    /** The Secret; without a key in the body, the one the Secret holds (which must be the new certificate's). */
    static ObjectNode toObject(TlsCertificateSpec t, String namespace, ObjectNode current) {
        String key = t.key();
        if (key == null) {
            key = current == null ? null : decoded(current, KEY);
            if (key == null) {
                throw new ProblemException(Problem.invalid("key", "is required: the certificate's private key (PEM)"));
            }
            FieldError mismatch = BODY.keptKey(t.cert(), key);
            if (mismatch != null) {
                throw new ProblemException(Problem.invalid(List.of(mismatch)));
            }
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("apiVersion", SECRET.apiVersion()).put("kind", SECRET.kind());
        ObjectNode meta = o.putObject("metadata").put("name", t.name()).put("namespace", namespace);
        ObjectNode labels = meta.putObject("labels").put(Ownership.LABEL, Ownership.VALUE);
        CertificateFacts facts = CertificateFacts.of(t.cert());
        for (String domain : facts == null ? List.<String>of() : facts.domains()) {
            String label = domain.startsWith("*") ? "wildcard" + domain.substring(1) : domain;
            if (LABEL_NAME.matcher(label).matches()) { // the console's label, where Kubernetes can hold it
                labels.put(DOMAIN_LABEL + label, "true");
            }
        }
        o.put("type", SECRET_TYPE);
        o.putObject("data").put(CRT, encoded(t.cert())).put(KEY, encoded(key));
        return o;
    }

    static TlsCertificateSpec fromObject(ObjectNode o) {
        return TlsCertificateSpec.read(o.path("metadata").path("name").asText(null), decoded(o, CRT),
                o.path("metadata").path("namespace").asText(null));
    }

    /** A data value as text, or null (absent, or not base64). */
    private static String decoded(JsonNode secret, String key) {
        JsonNode v = secret.path("data").path(key);
        if (!v.isTextual()) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(v.asText()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String encoded(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
