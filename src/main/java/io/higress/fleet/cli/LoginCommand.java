package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code POST /api/v1/user/login} (the brief's §3.1) and the token stored for that URL, 0600. The password comes from
 * a prompt, {@code --password-stdin} or {@code FLEET_PASSWORD}; never from a flag (it would show in the process list).
 */
@Command(name = "login", description = "Log in with a user and password; stores the token for the URL (0600).")
final class LoginCommand extends ApiCommand {
    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "The user (env FLEET_USERNAME; "
            + "prompted when a person is at the terminal).")
    String username;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input "
            + "(for CI: printf %%s \"$PASSWORD\" | fleetctl login -u bot --password-stdin). Env: FLEET_PASSWORD.")
    boolean passwordStdin;

    LoginCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    boolean sendsToken() {
        return false;
    }

    @Override
    Exit run(FleetClient client) throws IOException {
        String user = username != null ? username : terminal.env("FLEET_USERNAME");
        if (user == null) {
            user = terminal.readLine("Username: ");
        }
        if (user == null || user.isBlank()) {
            throw CliFailure.usage("login needs a user: --username or FLEET_USERNAME");
        }
        char[] password = password();
        ObjectNode body = Json.JSON.createObjectNode().put("username", user).put("password", new String(password));
        Arrays.fill(password, '\0');
        JsonNode answer = client.postJson("/api/v1/user/login", null, body).json();
        String token = Json.text(answer.path("data"), "token");
        if (token == null) {
            throw CliFailure.failed("the login answer holds no data.token: " + Problems.excerpt(answer.toString()), null);
        }
        Duration lifetime = Duration.ofSeconds(answer.path("data").path("expire").asLong(7200));
        TokenStore store = new TokenStore(Settings.dir(terminal));
        store.store(client.base(), token, Instant.now().plus(lifetime));
        terminal.out.println("Logged in to " + client.base() + " as " + user + "; the token is valid for "
                + lifetime.toMinutes() + " min and stored in " + store.file());
        return Exit.OK;
    }

    private char[] password() throws IOException {
        if (passwordStdin) {
            String line = new BufferedReader(new InputStreamReader(terminal.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw CliFailure.usage("--password-stdin: standard input holds no password");
            }
            return line.toCharArray();
        }
        String env = terminal.env("FLEET_PASSWORD");
        if (env != null) {
            return env.toCharArray();
        }
        char[] typed = terminal.readPassword("Password: ");
        if (typed == null || typed.length == 0) {
            throw CliFailure.usage("login needs a password: type it at the prompt, or use --password-stdin or "
                    + "FLEET_PASSWORD");
        }
        return typed;
    }
}
