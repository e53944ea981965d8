package io.higress.fleet.security;

import java.util.Map;

/** {@link OidcProfile} with the authorization-code login for people switched on. */
public class OidcLoginProfile extends OidcProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fleet.security.oidc.login.enabled", "true", "fleet.security.oidc.login.scopes", "profile");
    }
}
