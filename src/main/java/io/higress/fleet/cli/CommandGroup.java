package io.higress.fleet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only holds subcommands: called alone, it prints its usage and exits 3. */
abstract class CommandGroup implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final Terminal terminal;

    CommandGroup(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        terminal.err.println("error: '" + spec.qualifiedName() + "' needs a subcommand");
        spec.commandLine().usage(terminal.err);
        return Exit.USAGE.code;
    }
}
