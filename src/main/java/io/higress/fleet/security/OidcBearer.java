package io.higress.fleet.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bearer tokens from the configured OIDC provider (quarkus.oidc.*), for bots and people whose tools hold one:
 * quarkus-oidc verifies signature (the provider's JWKS), issuer, expiry and audience without blocking; the caller's
 * rights come from its groups ({@link Credentials#oidcCaller}). Off unless quarkus.oidc.tenant-enabled=true.
 */
@ApplicationScoped
public class OidcBearer {
    static final String PREFIX = "oidc:";
    private static final java.time.Duration VERIFY_TIMEOUT = java.time.Duration.ofSeconds(10);

    private final boolean enabled;
    private final Instance<TenantIdentityProvider> provider;
    private final Credentials credentials;

    public OidcBearer(@ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean enabled,
            Instance<TenantIdentityProvider> provider, Credentials credentials) {
        this.enabled = enabled;
        this.provider = provider;
        this.credentials = credentials;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Who a provider token proves: {@code oidc:<sub>}, never the name of a local user or API key (audit, four-eyes
     * approvals), and its groups.
     */
    @RegisterForReflection
    public record Proved(String name, Set<String> groups) {
    }

    /** The caller the token proves, or empty (invalid, expired, another issuer); never a failure. */
    public Uni<Optional<Caller>> authenticate(String token) {
        return prove(token).map(p -> p.map(x -> credentials.oidcCaller(x.name(), x.groups())));
    }

    /** What the token proves (signature, issuer, expiry, audience), or empty; never a failure. */
    Uni<Optional<Proved>> prove(String token) {
        if (!enabled || !looksLikeJwt(token)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Uni.createFrom().deferred(() -> provider.get().authenticate(new AccessTokenCredential(token)))
                .map(identity -> Optional.of(proved(identity)))
                .ifNoItem().after(VERIFY_TIMEOUT).fail()
                .onFailure().recoverWithItem(Optional.empty()); // a provider that does not answer: 401, not a hang
    }

    private static Proved proved(SecurityIdentity identity) {
        return new Proved(PREFIX + identity.getPrincipal().getName(), Set.copyOf(identity.getRoles()));
    }

    /** Three base64url parts: anything else is no JWT, and the provider is not asked. */
    private static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }
}
