package io.higress.fleet.security;

import io.higress.fleet.cluster.FleetConfigurationException;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Everything that proves who a caller is: configured users (password hashes), API keys (SHA-256), and login tokens.
 * Built once from fleet.security.*; a mistake there stops startup with a message naming the key.
 */
@Startup // a bad fleet.security.* stops the start, not the first login
@ApplicationScoped
public class Credentials {

    private static final Logger LOG = Logger.getLogger(Credentials.class);

    static final String NO_CREDENTIALS = "fleet.security: no user and no API key is configured, so every call "
            + "would be refused with 401. Create the first admin: bin/fleet-init writes a fleet file with an admin "
            + "API key, or add fleet.security.api-keys.<name> {sha256, roles: [admin]} (HashTool apikey) or "
            + "fleet.security.users.<name> {password-hash, roles: [admin]} (HashTool bcrypt); see "
            + "docs/security.md#users-and-api-keys";

    @RegisterForReflection
    private record User(String name, String passwordHash, Grants grants) {
    }

    @RegisterForReflection
    private record ApiKey(String name, byte[] sha256, Grants grants) {
    }

    /** What a user or key may do: roles everywhere and role bindings on some clusters. */
    @RegisterForReflection
    private record Grants(Set<Role> roles, List<RoleBinding> bindings) {
        Caller caller(String name, Caller.Kind kind) {
            return new Caller(name, roles, kind, bindings);
        }
    }

    private final Map<String, User> users = new TreeMap<>();
    private final Map<String, Grants> groups = new TreeMap<>();
    private final List<ApiKey> apiKeys = new ArrayList<>();
    private final LoginTokens tokens;
    private final Optional<Role> metricsRole;
    /** Checked for unknown users so that they cost the same time as a wrong password. */
    private final String dummyHash;

    public Credentials(SecurityConfig config) {
        List<String> errors = new ArrayList<>();
        config.users().forEach((name, u) -> {
            String key = "fleet.security.users." + name;
            if (!PasswordHashes.isSupported(u.passwordHash())) {
                errors.add(key + ".password-hash: not a bcrypt ($2a$/$2b$/$2y$) or pbkdf2-sha256$... hash "
                        + "(create one with HashTool, see docs/security.md)");
            }
            users.put(name, new User(name, u.passwordHash(), grants(u.roles(), u.bindings(), key, errors)));
        });
        config.apiKeys().forEach((name, k) -> {
            String key = "fleet.security.api-keys." + name;
            byte[] digest = null;
            try {
                digest = HexFormat.of().parseHex(k.sha256());
            } catch (IllegalArgumentException e) {
                // reported below
            }
            if (digest == null || digest.length != 32) {
                errors.add(key + ".sha256: must be the 64 hex digits of the key's SHA-256");
            }
            apiKeys.add(new ApiKey(name, digest, grants(k.roles(), k.bindings(), key, errors)));
        });
        config.oidc().groups().forEach((group, g) -> groups.put(group,
                grants(g.roles(), g.bindings(), "fleet.security.oidc.groups.\"" + group + "\"", errors)));
        metricsRole = config.metricsRole().equalsIgnoreCase("none") ? Optional.empty()
                : Optional.of(Role.parse(config.metricsRole()).orElseGet(() -> {
                    errors.add("fleet.security.metrics-role: expected viewer, operator, admin or none");
                    return Role.VIEWER;
                }));
        var mp = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        if (mp.getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class).orElse(false)
                && mp.getOptionalValue("quarkus.oidc.token.audience", String.class).isEmpty()) {
            errors.add("quarkus.oidc.token.audience: required with quarkus.oidc.tenant-enabled=true (the facade's "
                    + "client id): else a token the provider issued to any other client would be accepted here");
        }
        if (config.oidc().login().enabled()) {
            for (String key : List.of("quarkus.oidc.auth-server-url", "quarkus.oidc.client-id")) {
                if (mp.getOptionalValue(key, String.class).isEmpty()) {
                    errors.add(key + ": required with fleet.security.oidc.login.enabled=true");
                }
            }
            if (!mp.getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class).orElse(false)) {
                errors.add("fleet.security.oidc.login.enabled: needs quarkus.oidc.tenant-enabled=true (the login "
                        + "checks the provider's tokens as bearer tokens are)");
            }
            config.oidc().login().redirectUri().filter(u -> !u.matches("https?://[^/]+/api/v1/user/sso/callback"))
                    .ifPresent(u -> errors.add("fleet.security.oidc.login.redirect-uri: '" + u + "' must be "
                            + "http(s)://<host>" + SsoLoginResource.CALLBACK + ", as the browser reaches the facade"));
        }
        boolean production = LaunchMode.current() == LaunchMode.NORMAL;
        boolean allowGenerated = config.token().allowGenerated().orElse(!production);
        SigningKeys keys = SigningKeys.load(config.token(), allowGenerated, errors);
        if (users.isEmpty() && apiKeys.isEmpty()) {
            // a facade nobody can log in to starts fine and answers every call 401: say so at start instead
            if (production) {
                errors.add(NO_CREDENTIALS);
            } else {
                LOG.warn(NO_CREDENTIALS);
            }
        }
        if (!errors.isEmpty()) {
            throw new FleetConfigurationException(errors);
        }
        if (keys.generated()) {
            LOG.warn("fleet.security.token.secret is not set: login tokens are signed with a random key that changes "
                    + "at every restart (allowed only in dev/test or with fleet.security.token.allow-generated=true)");
        }
        tokens = new LoginTokens(keys, config.token().lifetime(), config.token().issuer());
        dummyHash = users.isEmpty() ? PasswordHashes.pbkdf2("unused", 1000) : users.values().iterator().next().passwordHash();
    }

    private static Grants grants(Optional<List<String>> roleNames, Optional<List<SecurityConfig.Binding>> bindingList,
            String key, List<String> errors) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String n : roleNames.orElse(List.of())) {
            Role.parse(n).ifPresentOrElse(roles::add, () -> errors.add(key + ".roles: unknown role '" + n
                    + "' (expected viewer, operator or admin)"));
        }
        List<RoleBinding> bindings = new ArrayList<>();
        List<SecurityConfig.Binding> given = bindingList.orElse(List.of());
        for (int i = 0; i < given.size(); i++) {
            binding(given.get(i), key + ".bindings[" + i + "]", errors).ifPresent(bindings::add);
        }
        if (roleNames.orElse(List.of()).isEmpty() && given.isEmpty()) {
            errors.add(key + ".roles: at least one role (everywhere) or one binding (bindings: [{role, selector}]) "
                    + "is needed");
        }
        return new Grants(roles, bindings);
    }

    /** One binding, each mistake named by its key (like FleetConfigValidator does for clusters). */
    private static Optional<RoleBinding> binding(SecurityConfig.Binding b, String key, List<String> errors) {
        Optional<Role> role = b.role().flatMap(Role::parse);
        if (b.role().isEmpty()) {
            errors.add(key + ".role: missing (viewer, operator or admin)");
        } else if (role.isEmpty()) {
            errors.add(key + ".role: unknown role '" + b.role().get() + "' (expected viewer, operator or admin)");
        }
        String selector = b.selector().map(String::trim).orElse("");
        if (selector.isEmpty()) {
            // an empty selector would match every cluster: that is what roles are for, and a forgotten selector
            // must not grant a role everywhere
            errors.add(key + ".selector: missing; give a label selector such as 'env in (dev,test)' (a role on "
                    + "every cluster goes under roles)");
            return Optional.empty();
        }
        try {
            RoleBinding binding = RoleBinding.of(role.orElse(Role.VIEWER), selector);
            return role.isPresent() ? Optional.of(binding) : Optional.empty();
        } catch (IllegalArgumentException e) {
            errors.add(key + ".selector: '" + selector + "' is not a label selector: " + e.getMessage());
            return Optional.empty();
        }
    }

    public LoginTokens tokens() {
        return tokens;
    }

    public Optional<Role> metricsRole() {
        return metricsRole;
    }

    /**
     * Checks a user's password. SLOW (bcrypt/PBKDF2): call on a worker thread. An unknown user costs one hash
     * check too, so that timing does not tell which users exist.
     */
    public Optional<Caller> checkPassword(String username, String password) {
        User user = username == null ? null : users.get(username);
        boolean ok = PasswordHashes.matches(password, user != null ? user.passwordHash() : dummyHash);
        return ok && user != null ? Optional.of(user.grants().caller(user.name(), Caller.Kind.USER))
                : Optional.empty();
    }

    /** The caller a bearer credential (API key or login token) proves, if any. Cheap: fine on the event loop. */
    public Optional<Caller> authenticate(String bearer) {
        if (bearer == null || bearer.isBlank()) {
            return Optional.empty();
        }
        byte[] digest = ApiKeyDigest.of(bearer);
        ApiKey found = null;
        for (ApiKey k : apiKeys) { // every key is compared, in constant time, whatever matched before
            if (k.sha256() != null && MessageDigest.isEqual(k.sha256(), digest)) {
                found = k;
            }
        }
        if (found != null) {
            return Optional.of(found.grants().caller(found.name(), Caller.Kind.API_KEY));
        }
        return tokens.verify(bearer).flatMap(v -> {
            if (v.sso()) { // the provider's groups at login, mapped by today's configuration
                return v.subject().startsWith(OidcBearer.PREFIX) ? Optional.of(oidcCaller(v.subject(), v.groups()))
                        : Optional.empty();
            }
            User user = users.get(v.subject()); // roles come from the configuration: a removed user is locked out
            return user == null ? Optional.empty()
                    : Optional.of(user.grants().caller(user.name(), Caller.Kind.USER));
        });
    }

    /**
     * The caller an OIDC provider proved: the union of what its groups are granted (fleet.security.oidc.groups);
     * groups nobody configured grant nothing, so such a caller passes no gate.
     */
    public Caller oidcCaller(String name, Set<String> tokenGroups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<RoleBinding> bindings = new ArrayList<>();
        tokenGroups.stream().sorted().map(groups::get).filter(java.util.Objects::nonNull).forEach(g -> {
            roles.addAll(g.roles());
            bindings.addAll(g.bindings());
        });
        return new Caller(name, roles, Caller.Kind.OIDC, bindings);
    }

    public String issueToken(Caller caller) {
        return tokens.issue(caller.name(), LoginTokens.labels(caller.roles()), Instant.now());
    }
}
