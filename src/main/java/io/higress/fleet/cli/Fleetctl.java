package io.higress.fleet.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * {@code fleetctl}: the Higress Fleet facade for people and CI jobs (docs/fleetctl.md). Exit codes: 0 ok, 1 failed,
 * 2 partial or drift, 3 usage.
 */
@Command(name = "fleetctl", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = Fleetctl.Version.class, sortOptions = false, usageHelpAutoWidth = true,
        description = "Higress Fleet from the command line: one facade in front of many Higress clusters.",
        footer = {"", "Exit codes: 0 ok, 1 failed, 2 partial or drift, 3 usage.",
                "Configuration: --url/FLEET_URL, --token/FLEET_TOKEN, $XDG_CONFIG_HOME/higress-fleet/config "
                        + "(default ~/.config/higress-fleet/config). See docs/fleetctl.md."},
        subcommands = {LoginCommand.class, ClustersCommand.class, GetCommand.class, ApplyCommand.class,
                FleetCommand.class, RolloutCommand.class})
public final class Fleetctl extends CommandGroup {

    Fleetctl(Terminal terminal) {
        super(terminal);
    }

    public static void main(String[] args) {
        System.exit(run(Terminal.system(), args));
    }

    /** One run: parses, executes and answers the exit code; nothing here calls System.exit. */
    static int run(Terminal terminal, String... args) {
        CommandLine cl = new CommandLine(new Fleetctl(terminal), new Factory(terminal));
        cl.setOut(terminal.out).setErr(terminal.err).setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((e, ignored) -> {
                    terminal.err.println("error: " + e.getMessage());
                    terminal.err.println("see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
                    return Exit.USAGE.code;
                })
                .setExecutionExceptionHandler((e, ignored, result) -> failure(terminal, e).code);
        try {
            return cl.execute(args);
        } finally {
            terminal.flush();
        }
    }

    private static Exit failure(Terminal terminal, Exception e) {
        if (e instanceof ProblemException p) {
            Problems.lines(p.problem, p.credential).forEach(terminal.err::println);
            return Exit.FAILED;
        }
        if (e instanceof CliFailure f) {
            terminal.err.println("error: " + f.getMessage());
            return f.exit;
        }
        terminal.err.println("error: fleetctl failed unexpectedly: " + e);
        return Exit.FAILED;
    }

    static String version() {
        String v = Fleetctl.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"fleetctl " + version()};
        }
    }

    /** Commands get the run's {@link Terminal} through their constructor. */
    private record Factory(Terminal terminal) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> c = type.getDeclaredConstructor(Terminal.class);
                c.setAccessible(true);
                return c.newInstance(terminal);
            } catch (NoSuchMethodException noTerminal) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
