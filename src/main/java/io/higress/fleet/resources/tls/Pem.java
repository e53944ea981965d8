package io.higress.fleet.resources.tls;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM certificates and private keys with the JDK alone: certificate chains (leaf first), keys in PKCS#8
 * ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}) form, as openssl,
 * cert-manager and the console write them. Whether a key belongs to a certificate is decided by signing with it and
 * verifying with the certificate's public key, whatever the algorithm. Failures are {@link IllegalArgumentException}s
 * whose message never quotes the key.
 */
final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    /** AlgorithmIdentifier of rsaEncryption: SEQUENCE { OID 1.2.840.113549.1.1.1, NULL }. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** OID 1.2.840.10045.2.1 (id-ecPublicKey). */
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private Pem() {
    }

    /** The certificates of a PEM text, leaf first. */
    static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(pem)) {
                if (!b.type().equals("CERTIFICATE")) {
                    throw new IllegalArgumentException("holds a " + b.type() + " block; give CERTIFICATE blocks only");
                }
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("is not a readable X.509 certificate");
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return out;
    }

    static PrivateKey privateKey(String pem) {
        List<Block> blocks = blocks(pem);
        if (blocks.size() != 1) {
            throw new IllegalArgumentException("must hold exactly one PEM private key");
        }
        Block b = blocks.get(0);
        try {
            return switch (b.type()) {
                case "PRIVATE KEY" -> pkcs8(b.der());
                case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                        sequence(integerZero(), RSA_ALGORITHM, tlv(0x04, b.der()))));
                case "EC PRIVATE KEY" -> KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                        sequence(integerZero(), tlv(0x30, concat(EC_PUBLIC_KEY, curveOf(b.der()))),
                                tlv(0x04, b.der()))));
                case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException("is encrypted; a TLS Secret holds "
                        + "the key unencrypted");
                default -> throw new IllegalArgumentException("holds a " + b.type() + " block, not a private key");
            };
        } catch (GeneralSecurityException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("is not a readable " + b.type());
        }
    }

    /** The key signs what the certificate's public key verifies. */
    static boolean matches(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null || !key.getAlgorithm().equals(cert.getPublicKey().getAlgorithm())
                && !(algorithm.equals("Ed25519") && cert.getPublicKey().getAlgorithm().startsWith("Ed"))) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(challenge);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(cert.getPublicKey());
            verify.update(challenge);
            return verify.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // the next algorithm
            }
        }
        throw new GeneralSecurityException("unknown key algorithm");
    }

    @RegisterForReflection
    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(String pem) {
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem == null ? "" : pem);
        while (m.find()) {
            try {
                out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("holds a " + m.group(1) + " block that is not base64");
            }
        }
        return out;
    }

    /** The named curve OID (tag, length, value) of a SEC1 ECPrivateKey's {@code [0]} parameters. */
    private static byte[] curveOf(byte[] sec1) {
        int at = headerLength(sec1, 0); // inside the SEQUENCE
        while (at < sec1.length) {
            int tag = sec1[at] & 0xff;
            int length = length(sec1, at);
            int header = headerLength(sec1, at);
            if (tag == 0xa0) {
                int inner = at + header;
                return java.util.Arrays.copyOfRange(sec1, inner, inner + headerLength(sec1, inner)
                        + length(sec1, inner));
            }
            at += header + length;
        }
        throw new IllegalArgumentException("is an EC PRIVATE KEY that does not name its curve; write it with "
                + "openssl ec (which does) or as a PKCS#8 PRIVATE KEY");
    }

    private static int length(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int n = first & 0x7f;
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (der[at + 2 + i] & 0xff);
        }
        return len;
    }

    private static int headerLength(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        return first < 0x80 ? 2 : 2 + (first & 0x7f);
    }

    private static byte[] integerZero() {
        return new byte[] {0x02, 0x01, 0x00};
    }

    private static byte[] sequence(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write((n >> 8) & 0xff);
            out.write(n & 0xff);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
