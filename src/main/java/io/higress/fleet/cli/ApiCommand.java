package io.higress.fleet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that calls the facade: the connection options, and its outcome as an {@link Exit}. */
abstract class ApiCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    final Terminal terminal;

    ApiCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public final Integer call() throws Exception {
        return run(connection.client(terminal, sendsToken())).code;
    }

    /** Login sends none: a stale token must not stand in the way of getting a new one. */
    boolean sendsToken() {
        return true;
    }

    abstract Exit run(FleetClient client) throws Exception;
}
