package io.higress.fleet.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.higress.fleet.cluster.FleetConfigurationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** fleet.security.*.bindings as the fleet file gives them: read, and each mistake named by its key at start. */
class RoleBindingsConfigTest {

    static final String KEY = "hf_bindings-test-key";

    static Map<String, String> base() {
        Map<String, String> c = new HashMap<>();
        c.put("fleet.security.token.secret", "s".repeat(40));
        c.put("fleet.security.api-keys.bot.sha256", HexFormat.of().formatHex(ApiKeyDigest.of(KEY)));
        return c;
    }

    static Credentials credentials(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SecurityConfig.class)
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return new Credentials(config.getConfigMapping(SecurityConfig.class));
    }

    @Test
    void bindingsGrantTheirRoleOnTheMatchingClustersOnly() {
        Map<String, String> c = base();
        c.put("fleet.security.api-keys.bot.roles", "viewer");
        c.put("fleet.security.api-keys.bot.bindings[0].role", "operator");
        c.put("fleet.security.api-keys.bot.bindings[0].selector", "env in (dev,test)");
        c.put("fleet.security.api-keys.bot.bindings[1].role", "admin");
        c.put("fleet.security.api-keys.bot.bindings[1].selector", "env=dev,region=eu");
        Caller bot = credentials(c).authenticate(KEY).orElseThrow();
        assertThat(bot.roles()).containsExactly(Role.VIEWER);
        assertThat(bot.grantLabels()).containsExactly("viewer", "operator on env in (dev,test)",
                "admin on env=dev,region=eu");
        assertThat(bot.mayOn(Role.OPERATOR, Map.of("env", "test"))).isTrue();
        assertThat(bot.mayOn(Role.OPERATOR, Map.of("env", "prod"))).isFalse();
        assertThat(bot.mayOn(Role.VIEWER, Map.of("env", "prod"))).isTrue();
        assertThat(bot.mayOn(Role.ADMIN, Map.of("env", "dev"))).isFalse();
        assertThat(bot.mayOn(Role.ADMIN, Map.of("env", "dev", "region", "eu"))).isTrue();
        assertThat(bot.isAdmin()).as("a binding's admin is no admin everywhere").isFalse();
        assertThat(bot.hasSomewhere(Role.ADMIN)).isTrue();
    }

    @Test
    void aConfigurationWithoutBindingsMeansEverywhereAsBefore() {
        Map<String, String> c = base();
        c.put("fleet.security.api-keys.bot.roles", "operator");
        Caller bot = credentials(c).authenticate(KEY).orElseThrow();
        assertThat(bot.bindings()).isEmpty();
        assertThat(bot.mayOn(Role.OPERATOR, Map.of("env", "prod"))).isTrue();
        assertThat(bot.mayOn(Role.OPERATOR, Map.of())).isTrue();
    }

    @Test
    void everyMistakeIsNamedByItsKey() {
        Map<String, String> c = base();
        c.put("fleet.security.api-keys.bot.bindings[0].role", "superuser");
        c.put("fleet.security.api-keys.bot.bindings[0].selector", "env=dev");
        c.put("fleet.security.api-keys.bot.bindings[1].role", "operator");
        c.put("fleet.security.api-keys.bot.bindings[1].selector", "env in (dev");
        c.put("fleet.security.api-keys.bot.bindings[2].role", "viewer");
        c.put("fleet.security.api-keys.bot.bindings[3].selector", "env=dev");
        c.put("fleet.security.api-keys.nobody.sha256", "0".repeat(64));
        assertThatThrownBy(() -> credentials(c)).isInstanceOf(FleetConfigurationException.class)
                .satisfies(e -> assertThat(Set.of(e.getMessage().split("\n  - "))).contains(
                        "fleet.security.api-keys.bot.bindings[0].role: unknown role 'superuser' (expected viewer, "
                                + "operator or admin)",
                        "fleet.security.api-keys.bot.bindings[3].role: missing (viewer, operator or admin)",
                        "fleet.security.api-keys.nobody.roles: at least one role (everywhere) or one binding "
                                + "(bindings: [{role, selector}]) is needed"))
                .hasMessageContaining("fleet.security.api-keys.bot.bindings[1].selector: 'env in (dev' is not a "
                        + "label selector")
                .hasMessageContaining("fleet.security.api-keys.bot.bindings[2].selector: missing; give a label "
                        + "selector");
    }
    @Test
    void aSingleSignOnTokenCarriesTheProvidersGroupsMappedByTheConfiguration() {
        Map<String, String> c = base();
        c.put("fleet.security.api-keys.bot.roles", "viewer");
        c.put("fleet.security.oidc.groups.dev-team.bindings[0].role", "operator");
        c.put("fleet.security.oidc.groups.dev-team.bindings[0].selector", "env=dev");
        Credentials credentials = credentials(c);
        String token = credentials.tokens().issueSso("oidc:bob", Set.of("dev-team", "unmapped"),
                java.time.Instant.now());
        Caller bob = credentials.authenticate(token).orElseThrow();
        assertThat(bob.name()).isEqualTo("oidc:bob");
        assertThat(bob.grantLabels()).containsExactly("operator on env=dev");
        // a login token naming an oidc: subject without the mark is nobody's (no local user has that name)
        assertThat(credentials.authenticate(credentials.tokens().issue("oidc:bob", Set.of("admin"),
                java.time.Instant.now()))).isEmpty();
        // a sealed value is no login token, and a login token no sealed value
        String sealed = credentials.tokens().seal(Map.of("state", "s"), java.time.Duration.ofMinutes(1),
                java.time.Instant.now());
        assertThat(credentials.authenticate(sealed)).isEmpty();
        assertThat(credentials.tokens().unseal(sealed).orElseThrow()).containsEntry("state", "s");
        assertThat(credentials.tokens().unseal(token)).isEmpty();
    }

    @Test
    void theBrowserLoginNeedsAProviderAndNamesEachMissingKey() {
        Map<String, String> c = base();
        c.put("fleet.security.api-keys.bot.roles", "viewer");
        c.put("fleet.security.oidc.login.enabled", "true");
        c.put("fleet.security.oidc.login.redirect-uri", "https://fleet.example.com/callback");
        assertThatThrownBy(() -> credentials(c)).isInstanceOf(FleetConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(
                        "quarkus.oidc.client-id: required with fleet.security.oidc.login.enabled=true",
                        "fleet.security.oidc.login.enabled: needs quarkus.oidc.tenant-enabled=true",
                        "fleet.security.oidc.login.redirect-uri: 'https://fleet.example.com/callback' must be"));
    }
}
