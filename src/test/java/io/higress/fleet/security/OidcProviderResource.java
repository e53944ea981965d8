package io.higress.fleet.security;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * A real OIDC provider for the tests (NAV's mock-oauth2-server: discovery, JWKS, signed tokens, the authorization
 * endpoint), with the facade configured as its client {@code higress-fleet} and two groups mapped to grants.
 */
public class OidcProviderResource implements QuarkusTestResourceLifecycleManager {

    static final String ISSUER = "fleet";
    static final String CLIENT = "higress-fleet";
    private static volatile MockOAuth2Server server;

    static MockOAuth2Server server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        MockOAuth2Server s = new MockOAuth2Server();
        s.start(0);
        server = s;
        Map<String, String> c = new HashMap<>();
        c.put("quarkus.oidc.tenant-enabled", "true");
        c.put("quarkus.oidc.auth-server-url", s.issuerUrl(ISSUER).toString().replaceAll("/$", ""));
        c.put("quarkus.oidc.client-id", CLIENT);
        c.put("quarkus.oidc.application-type", "service");
        c.put("quarkus.oidc.token.audience", CLIENT);
        c.put("quarkus.oidc.roles.role-claim-path", "groups");
        c.put("fleet.security.oidc.groups.platform.roles", "admin");
        c.put("fleet.security.oidc.groups.dev-team.bindings[0].role", "operator");
        c.put("fleet.security.oidc.groups.dev-team.bindings[0].selector", "env=dev");
        return c;
    }

    @Override
    public void stop() {
        MockOAuth2Server s = server;
        server = null;
        if (s != null) {
            s.shutdown();
        }
    }
}
