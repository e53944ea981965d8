package io.higress.fleet.resources.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.higress.fleet.sim.TestCertificates;
import io.higress.fleet.sim.TestCertificates.Issued;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PEM reading with the JDK alone: every key form openssl and cert-manager write, and the key-to-certificate test. */
class PemTest {
    static final Issued RSA = TestCertificates.issue("RSA", "rsa.example.com", List.of("rsa.example.com"),
            Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400));
    static final Issued EC = TestCertificates.valid("ec.example.com", 30, "ec.example.com", "www.ec.example.com");

    @Test
    void pkcs8Pkcs1AndSec1KeysAreReadAndMatchTheirCertificate() {
        for (Issued i : List.of(RSA, EC)) {
            var leaf = Pem.certificates(i.certPem()).get(0);
            assertThat(Pem.matches(Pem.privateKey(i.keyPem()), leaf)).isTrue();
            assertThat(Pem.matches(Pem.privateKey(i.legacyKeyPem()), leaf)).as(i.legacyKeyPem()).isTrue();
        }
        assertThat(Pem.matches(Pem.privateKey(EC.keyPem()), Pem.certificates(RSA.certPem()).get(0))).isFalse();
        Issued otherEc = TestCertificates.valid("other.example.com", 30, "other.example.com");
        assertThat(Pem.matches(Pem.privateKey(otherEc.legacyKeyPem()), Pem.certificates(EC.certPem()).get(0)))
                .isFalse();
    }

    @Test
    void aChainIsReadLeafFirstAndItsFactsAreTheLeafs() {
        var chain = Pem.certificates(EC.certPem() + RSA.certPem());
        assertThat(chain).hasSize(2);
        CertificateFacts facts = CertificateFacts.of(EC.certPem() + RSA.certPem());
        assertThat(facts.domains()).containsExactly("ec.example.com", "www.ec.example.com");
        assertThat(facts.serialNumber()).isEqualTo(EC.serialHex());
        assertThat(facts.notAfter()).isEqualTo(EC.certificate().getNotAfter().toInstant());
    }

    @Test
    void unreadableInputIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> Pem.certificates("hello")).hasMessageContaining("no PEM certificate");
        assertThatThrownBy(() -> Pem.certificates(EC.keyPem())).hasMessageContaining("PRIVATE KEY block");
        assertThatThrownBy(() -> Pem.privateKey(EC.certPem())).hasMessageContaining("not a private key");
        assertThatThrownBy(() -> Pem.privateKey(EC.keyPem() + EC.keyPem())).hasMessageContaining("exactly one");
        String broken = EC.keyPem().replace(EC.keyPem().lines().toList().get(1), "AAAA");
        assertThatThrownBy(() -> Pem.privateKey(broken)).hasMessageContaining("not a readable PRIVATE KEY")
                .message().doesNotContain("AAAA");
        assertThatThrownBy(() -> Pem.privateKey("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"
                + "-----END ENCRYPTED PRIVATE KEY-----")).hasMessageContaining("encrypted");
    }
}
