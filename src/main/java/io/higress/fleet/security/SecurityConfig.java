package io.higress.fleet.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code fleet.security.*} (contract §9, docs/security.md). A mapping of its own rather than a branch of
 * FleetConfig, so that the security feature owns its keys.
 */
@ConfigMapping(prefix = "fleet.security")
public interface SecurityConfig {

    Token token();

    /** Login users: name -> password hash and roles. */
    Map<String, User> users();

    /** API keys: name -> SHA-256 of the key and roles. The name is what the audit log shows. */
    @WithName("api-keys")
    Map<String, ApiKey> apiKeys();

    /** Role needed for /q/metrics: viewer, operator, admin, or none (open). */
    @WithName("metrics-role")
    @WithDefault("viewer")
    String metricsRole();

    Login login();

    Audit audit();

    /** Single sign-on: what the groups of an OIDC provider's tokens may do (the provider itself: quarkus.oidc.*). */
    Oidc oidc();

    interface Oidc {
        /** Group (as the token's groups claim names it) -> roles everywhere and role bindings. */
        Map<String, Group> groups();

        /** The authorization-code login for people in a browser (docs/security.md#single-sign-on). */
        SsoLogin login();
    }

    interface SsoLogin {
        /** Off by default: {@code /api/v1/user/sso/*} answer 404. Needs quarkus.oidc.tenant-enabled=true. */
        @WithDefault("false")
        boolean enabled();

        /**
         * The callback URL as the browser reaches the facade (registered at the provider); by default the request's
         * own scheme and host (behind a proxy: quarkus.http.proxy.*) + /api/v1/user/sso/callback.
         */
        Optional<String> redirectUri();

        /** Scopes asked for besides {@code openid}. */
        Optional<List<String>> scopes();

        /** How long a login may take between the redirect to the provider and its callback. */
        @WithDefault("10m")
        Duration timeout();
    }

    interface Group {
        Optional<List<String>> roles();

        Optional<List<Binding>> bindings();
    }

    interface Token {
        /** HMAC-SHA256 key, at least 32 bytes. */
        Optional<String> secret();

        /** Secrets that still verify (never sign) tokens during a key rotation. */
        @WithName("previous-secrets")
        Optional<List<String>> previousSecrets();

        /** A PEM file with an RSA "PRIVATE KEY" (PKCS#8) and its "PUBLIC KEY": tokens are then RS256. */
        @WithName("key-file")
        Optional<String> keyFile();

        /** Without secret or key file, sign with a random secret (default: only in dev and test mode). */
        @WithName("allow-generated")
        Optional<Boolean> allowGenerated();

        @WithDefault("2h")
        Duration lifetime();

        @WithDefault("higress-fleet")
        String issuer();
    }

    interface User {
        /** bcrypt ($2a$/$2b$/$2y$) or pbkdf2-sha256$iterations$salt$hash; see HashTool. */
        @WithName("password-hash")
        String passwordHash();

        /** Roles on every cluster (what a configuration without bindings always meant). */
        Optional<List<String>> roles();

        /** Roles on the clusters a label selector matches. */
        Optional<List<Binding>> bindings();
    }

    interface ApiKey {
        /** Hex SHA-256 of the key. */
        String sha256();

        /** Roles on every cluster. */
        Optional<List<String>> roles();

        /** Roles on the clusters a label selector matches. */
        Optional<List<Binding>> bindings();
    }

    /** {@code {role: operator, selector: "env in (dev,test)"}}: the role on the clusters the selector matches. */
    interface Binding {
        Optional<String> role();

        Optional<String> selector();
    }

    interface Login {
        /** Failures allowed for one user within the window; the next attempt for that user gets 429. */
        @WithName("max-failures")
        @WithDefault("5")
        int maxFailures();

        /**
         * Failures allowed from one client address within the window, whatever the users: higher than the per-user
         * limit, since one address (a NAT, an office proxy, the dashboard host) serves several people.
         */
        @WithName("max-failures-per-address")
        @WithDefault("20")
        int maxFailuresPerAddress();

        @WithDefault("5m")
        Duration window();

        /** Users and addresses tracked at once; the oldest are forgotten first (memory bound). */
        @WithName("tracked-keys")
        @WithDefault("10000")
        int trackedKeys();
    }

    interface Audit {
        /** A file is rotated to audit.log.1 when it would grow past this many bytes. */
        @WithName("max-file-bytes")
        @WithDefault("10485760")
        long maxFileBytes();

        /** Rotated files kept (audit.log.1 ... audit.log.N). */
        @WithName("max-files")
        @WithDefault("5")
        int maxFiles();

        /** fsync after every entry: survives a machine crash, not only a process crash. Slower. */
        @WithDefault("false")
        boolean fsync();
    }
}
