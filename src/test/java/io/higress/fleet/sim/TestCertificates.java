package io.higress.fleet.sim;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Real X.509 certificates for tests (BouncyCastle, on the test classpath through fabric8's mock server): self-signed,
 * with the CN and DNS names and validity asked for, an EC P-256 or RSA key, as PEM the way openssl writes it
 * ({@code PRIVATE KEY} PKCS#8, or {@code RSA/EC PRIVATE KEY}).
 */
public final class TestCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A certificate and its key. {@code legacyKeyPem}: PKCS#1 (RSA) or SEC1 (EC), as openssl's older commands. */
    public record Issued(X509Certificate certificate, String certPem, String keyPem, String legacyKeyPem) {
        public String serialHex() {
            return certificate.getSerialNumber().toString(16);
        }
    }

    private TestCertificates() {
    }

    /** Valid from a day ago for {@code days} days. */
    public static Issued valid(String cn, int days, String... dns) {
        Instant now = Instant.now();
        return issue("EC", cn, List.of(dns), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(days)));
    }

    /** Expired {@code daysAgo} days ago. */
    public static Issued expired(String cn, int daysAgo, String... dns) {
        Instant now = Instant.now();
        return issue("EC", cn, List.of(dns), now.minus(Duration.ofDays(daysAgo + 90L)),
                now.minus(Duration.ofDays(daysAgo)));
    }

    public static Issued issue(String algorithm, String cn, List<String> dns, Instant notBefore, Instant notAfter) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            g.initialize(algorithm.equals("RSA") ? 2048 : 256, RANDOM);
            KeyPair pair = g.generateKeyPair();
            X500Name subject = new X500Name("CN=" + cn);
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, RANDOM).setBit(63), Date.from(notBefore), Date.from(notAfter), subject,
                    pair.getPublic());
            if (!dns.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(dns.stream()
                        .map(d -> new GeneralName(GeneralName.dNSName, d)).toArray(GeneralName[]::new)));
            }
            String signature = algorithm.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder(signature).build(pair.getPrivate())));
            String keyPem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                    .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
            return new Issued(cert, pem(cert), keyPem, legacyPem(pair));
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                 | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * PKCS#1, or SEC1 with the curve named in its parameters as openssl writes it (the JDK's own encoding of an EC
     * key leaves the curve to PKCS#8's algorithm identifier, so BouncyCastle's writer would drop it).
     */
    private static String legacyPem(KeyPair pair) throws IOException {
        if (!pair.getPrivate().getAlgorithm().equals("EC")) {
            return pem(pair.getPrivate());
        }
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
        ECPrivateKey key = ECPrivateKey.getInstance(info.parsePrivateKey());
        ASN1Primitive curve = info.getPrivateKeyAlgorithm().getParameters().toASN1Primitive();
        byte[] der = new ECPrivateKey(256, key.getKey(), curve).getEncoded();
        return pem(new PemObject("EC PRIVATE KEY", der));
    }

    private static String pem(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
