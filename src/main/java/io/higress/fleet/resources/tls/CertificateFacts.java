package io.higress.fleet.resources.tls;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * What a leaf certificate says, as the console reads it: its domains (the subject's CN, then the DNS names), its
 * validity and serial number (lower-case hex, as Envoy's {@code /certs} writes it).
 */
@RegisterForReflection
record CertificateFacts(List<String> domains, Instant notBefore, Instant notAfter, String serialNumber) {

    /** The facts of a PEM chain's leaf, or null when it is not readable. */
    static CertificateFacts of(String pem) {
        if (pem == null) {
            return null;
        }
        try {
            return of(Pem.certificates(pem).get(0));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static CertificateFacts of(X509Certificate c) {
        Set<String> domains = new LinkedHashSet<>();
        try {
            for (Rdn rdn : new LdapName(c.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() != null) {
                    domains.add(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            // no CN to add
        }
        try {
            Collection<List<?>> names = c.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> n : names) {
                    if (n.size() >= 2 && Integer.valueOf(2).equals(n.get(0)) && n.get(1) instanceof String dns) {
                        domains.add(dns);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // the CN alone
        }
        return new CertificateFacts(new ArrayList<>(domains), c.getNotBefore().toInstant(),
                c.getNotAfter().toInstant(), serial(c.getSerialNumber().toString(16)));
    }

    /** Hex without leading zeros, lower case: how two tools' serial numbers compare. */
    static String serial(String hex) {
        String s = hex.toLowerCase(Locale.ROOT).replace(":", "");
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }
}
