package io.higress.fleet.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the facade is and who calls it. Each setting is taken from the first that has it: the flag, the environment
 * ({@code FLEET_URL}, {@code FLEET_TOKEN}), the config file, then the default; the token last from what
 * {@code fleetctl login} stored for that very URL.
 */
final class ConnectionOptions {
    @Option(names = "--url", paramLabel = "URL",
            description = "The facade, e.g. https://fleet.example.com (env FLEET_URL, config 'url'; default "
                    + Settings.DEFAULT_URL + ").")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token or API key (env FLEET_TOKEN; default: the token 'fleetctl login' stored for "
                    + "the URL). Prefer FLEET_TOKEN: a flag shows in the process list.")
    String token;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "How long to wait for an answer, e.g. 30s (config 'timeout'; default 60s). Streams "
                    + "(rollout watch, config-dump) wait as long as they run.")
    String timeout;

    FleetClient client(Terminal terminal, boolean withToken) {
        Settings settings = Settings.load(terminal);
        URI base = base(first(url, terminal.env("FLEET_URL"), settings.url(), Settings.DEFAULT_URL));
        Duration wait = timeout != null ? Settings.duration("--timeout", timeout)
                : settings.timeout() != null ? settings.timeout() : Settings.DEFAULT_TIMEOUT;
        Credential credential = withToken ? credential(terminal, settings, base) : new Credential(null, "");
        return new FleetClient(base, credential, wait);
    }

    /** The facade's URL without a trailing slash: scheme and host in lower case, any base path kept. */
    static URI base(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw CliFailure.usage("the facade's URL '" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw CliFailure.usage("the facade's URL '" + text + "' must be http:// or https:// with a host, e.g. "
                    + Settings.DEFAULT_URL);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw CliFailure.usage("the facade's URL '" + text + "' must not carry a query, fragment or user: "
                    + "credentials go in FLEET_TOKEN or 'fleetctl login'");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path);
    }

    private Credential credential(Terminal terminal, Settings settings, URI base) {
        if (token != null) {
            return new Credential(token, "fleetctl sent the token given with --token");
        }
        if (terminal.env("FLEET_TOKEN") != null) {
            return new Credential(terminal.env("FLEET_TOKEN"), "fleetctl sent the token in FLEET_TOKEN");
        }
        TokenStore store = new TokenStore(settings.dir());
        Optional<TokenStore.Stored> stored = store.find(base);
        if (stored.isEmpty()) {
            return new Credential(null, "fleetctl has no token for " + base + ": run 'fleetctl login --url "
                    + base + "' or set FLEET_TOKEN");
        }
        if (stored.get().expired(Instant.now())) {
            return new Credential(null, "the login token stored for " + base + " expired at "
                    + stored.get().expiresAt() + ": run 'fleetctl login' again");
        }
        return new Credential(stored.get().token(), "fleetctl sent the login token stored in " + store.file()
                + ": run 'fleetctl login' again or set FLEET_TOKEN");
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        throw new IllegalStateException("the last value is the default");
    }
}
