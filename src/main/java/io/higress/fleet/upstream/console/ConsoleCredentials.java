package io.higress.fleet.upstream.console;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The console's one admin user. Never logged, never answered: {@link #toString()} hides the password. */
@RegisterForReflection
record ConsoleCredentials(String username, String password) {

    /**
     * HTTP Basic cannot carry a password containing {@code ':'}: the console splits the decoded pair at every colon
     * and refuses it. Such passwords go straight to the session login.
     */
    boolean basicUsable() {
        return password.indexOf(':') < 0 && username.indexOf(':') < 0;
    }

    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ConsoleCredentials[username=" + username + ", password=***]";
    }
}
