package io.higress.fleet.upstream.console;

/**
 * How the facade authenticates to one console. It starts with HTTP Basic (consoles since v2.0.4). When Basic is
 * answered 401 but the session login with the same credentials succeeds, the console predates Basic: from then on
 * this console is called with the {@code _hi_sess} cookie only. Passwords containing {@code ':'} start there.
 * Forgotten on restart, when the detection runs again (one extra round trip).
 */
final class ConsoleSession {

    private volatile boolean basicRefused;
    private volatile String cookie;

    boolean basicRefused() {
        return basicRefused;
    }

    void refuseBasic() {
        basicRefused = true;
    }

    String cookie() {
        return cookie;
    }

    void cookie(String value) {
        cookie = value;
    }
}
