package io.higress.fleet.security;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.jwt.build.Jwt;
import java.security.Key;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.SecretKey;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Login tokens: JWTs signed with SmallRye JWT (sub, groups, iat, exp, iss, jti) and checked on every call with
 * jose4j, SmallRye's own engine: signature by one of the accepted keys, only the configured algorithm, expiry and
 * issuer, an {@code iat} not in the future, and a validity ({@code exp - iat}) no longer than the configured
 * lifetime (a token minted with a stolen key for ten years, or before the lifetime was shortened, is refused).
 * Both are cheap (HMAC or one RSA operation) and safe on the event loop.
 */
public final class LoginTokens {

    /**
     * A token that passed every check; {@code sso}: minted after a single sign-on, its subject an {@code oidc:}
     * caller and its groups the provider's (a local user's rights come from the configuration instead).
     */
    @RegisterForReflection
    public record Verified(String subject, Set<String> groups, Instant expiresAt, boolean sso) {
    }

    private static final int CLOCK_SKEW_SECONDS = 5;
    /** The claim marking a token minted by a single sign-on. */
    private static final String IDP = "idp";
    /** The audience of sealed values ({@link #seal}): a login token has none, so neither passes for the other. */
    private static final String SEALED = "higress-fleet-sealed";

    private final SigningKeys keys;
    private final Duration lifetime;
    private final String issuer;
    private final List<JwtConsumer> consumers;

    public LoginTokens(SigningKeys keys, Duration lifetime, String issuer) {
        this.keys = keys;
        this.lifetime = lifetime;
        this.issuer = issuer;
        this.consumers = keys.verificationKeys().stream().map(this::consumer).toList();
    }

    public Duration lifetime() {
        return lifetime;
    }

    public String issue(String subject, Set<String> groups, Instant now) {
        return sign(Jwt.issuer(issuer).subject(subject).groups(groups)
                .issuedAt(now.getEpochSecond()).expiresAt(now.plus(lifetime).getEpochSecond())
                .claim("jti", UUID.randomUUID().toString()));
    }

    /** A login token after a single sign-on: {@code groups} are the provider's, mapped again on every call. */
    public String issueSso(String subject, Set<String> groups, Instant now) {
        return sign(Jwt.issuer(issuer).subject(subject).groups(groups)
                .issuedAt(now.getEpochSecond()).expiresAt(now.plus(lifetime).getEpochSecond())
                .claim("jti", UUID.randomUUID().toString()).claim(IDP, "oidc"));
    }

    /**
     * {@code values} signed for {@code ttl} (a single sign-on's state, kept by the browser between the redirect and
     * the callback, whichever replica answers either): never a login token, whose checks refuse its audience.
     */
    public String seal(java.util.Map<String, String> values, Duration ttl, Instant now) {
        var claims = Jwt.issuer(issuer).audience(SEALED).issuedAt(now.getEpochSecond())
                .expiresAt(now.plus(ttl).getEpochSecond());
        values.forEach(claims::claim);
        return sign(claims);
    }

    /** What {@link #seal} signed, or empty when forged, tampered or expired. */
    public Optional<java.util.Map<String, Object>> unseal(String sealed) {
        for (Key key : keys.verificationKeys()) {
            try {
                JwtClaims c = new JwtConsumerBuilder().setRequireExpirationTime()
                        .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS).setExpectedIssuer(issuer)
                        .setExpectedAudience(SEALED).setVerificationKey(key)
                        .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                                keys.algorithm().getAlgorithm())
                        .build().processToClaims(sealed);
                return Optional.of(c.getClaimsMap());
            } catch (InvalidJwtException e) {
                // the next accepted key (rotation)
            }
        }
        return Optional.empty();
    }

    private String sign(io.smallrye.jwt.build.JwtClaimsBuilder claims) {
        var jws = claims.jws().algorithm(keys.algorithm());
        Key k = keys.signingKey();
        return k instanceof SecretKey s ? jws.sign(s) : jws.sign((PrivateKey) k);
    }

    /** The token's claims, or empty for anything forged, tampered, expired, or from another issuer. */
    public Optional<Verified> verify(String token) {
        for (JwtConsumer consumer : consumers) {
            try {
                JwtClaims c = consumer.processToClaims(token);
                long validity = c.getExpirationTime().getValue() - c.getIssuedAt().getValue();
                if (validity > lifetime.toSeconds() + CLOCK_SKEW_SECONDS) {
                    return Optional.empty(); // signed by us, so no other key will verify it differently
                }
                Set<String> groups = Set.copyOf(Optional.ofNullable(c.getStringListClaimValue("groups"))
                        .orElse(List.of()));
                return Optional.of(new Verified(c.getSubject(), groups,
                        Instant.ofEpochSecond(c.getExpirationTime().getValue()), "oidc".equals(c.getClaimValue(IDP))));
            } catch (InvalidJwtException | MalformedClaimException e) {
                // try the next accepted key (rotation); the reason is not told to the caller
            }
        }
        return Optional.empty();
    }

    private JwtConsumer consumer(Key key) {
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                // iat at most the skew ahead; how far back is bounded by exp and the lifetime check
                .setIssuedAtRestrictions(CLOCK_SKEW_SECONDS, Integer.MAX_VALUE)
                .setExpectedIssuer(issuer)
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, keys.algorithm().getAlgorithm())
                .build();
    }

    static Set<String> labels(Set<Role> roles) {
        return roles.stream().map(Role::label).collect(Collectors.toSet());
    }
}
