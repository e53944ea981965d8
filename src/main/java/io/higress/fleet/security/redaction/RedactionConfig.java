package io.higress.fleet.security.redaction;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** {@code fleet.redaction.*}: owned by the redaction service, like {@code fleet.security.*} by security. */
@ConfigMapping(prefix = "fleet.redaction")
public interface RedactionConfig {

    /** Secret keys, matched case-insensitively ignoring {@code _} and {@code -}; a list replaces the default. */
    @WithDefault(SecretKeyMatcher.DEFAULT_KEY_LIST)
    List<String> keys();
}
