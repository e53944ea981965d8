package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fleetctl rollout ...}: all, selective and canary rollouts (docs/rollouts.md). */
@Command(name = "rollout", description = "Roll objects out in waves with health gates: create, watch, pause, "
        + "resume, promote, cancel, get, list.",
        subcommands = {RolloutCommand.Create.class, RolloutCommand.Watch.class, RolloutCommand.Get.class,
                RolloutCommand.ListRollouts.class, RolloutCommand.Pause.class, RolloutCommand.Resume.class,
                RolloutCommand.Promote.class, RolloutCommand.Cancel.class})
final class RolloutCommand extends CommandGroup {
    RolloutCommand(Terminal terminal) {
        super(terminal);
    }

    static String path(String id) {
        return "/api/v1/rollouts/" + Paths.segment("rollout id", id);
    }

    /** Exit 0 for a rollout that succeeded, 1 for one that failed, rolled back or was cancelled. */
    static Exit outcome(JsonNode rollout) {
        return "succeeded".equals(Json.text(rollout, "state")) ? Exit.OK : Exit.FAILED;
    }

    @Command(name = "create", description = "Start a rollout: a request file (-f, YAML or JSON as in "
            + "docs/rollouts.md) and/or the options below. With --watch, follow it and exit 0 only if it succeeds "
            + "(with -o json|yaml the progress goes to standard error, the final rollout to standard output).")
    static final class Create extends ApiCommand {
        @Option(names = {"-f", "--filename"}, paramLabel = "FILE", description = "The rollout request "
                + "(strategy, canaryOrder, waitTime, routes, plugins, mcpBridges, manifests, ...); '-' reads "
                + "standard input. The options below override its fields.")
        String file;

        @Option(names = "--manifests", paramLabel = "FILE", description = "Manifests to roll out (multi-document "
                + "YAML); repeatable.")
        List<String> manifests;

        @Option(names = "--strategy", paramLabel = "STRATEGY", description = "all, selective or canary.")
        String strategy;

        @Option(names = "--canary-order", paramLabel = "NAME", split = ",", description = "Canary waves: cluster "
                + "names or values of the canary label, e.g. dev,test,prod.")
        List<String> canaryOrder;

        @Option(names = "--wait-time", paramLabel = "DURATION", description = "Bake time after each wave, e.g. 5m.")
        String waitTime;

        @Option(names = "--on-failure", paramLabel = "ACTION", description = "rollback (default) or pause.")
        String onFailure;

        @Option(names = "--force", description = "Take over objects that exist but are not managed by the facade.")
        boolean force;

        @Option(names = "--watch", description = "Follow the rollout until it ends.")
        boolean watch;

        @Mixin
        OutputOption output;

        @Mixin
        TargetingOptions targeting;

        Create(Terminal terminal) {
            super(terminal);
        }

        @Override
        Exit run(FleetClient client) throws IOException {
            ObjectNode body = body();
            JsonNode created = client.postJson("/api/v1/rollouts", null, body).json();
            String id = Json.text(created, "id");
            if (!watch) {
                if (!output.printRaw(created, terminal)) {
                    terminal.out.println(RolloutText.headline(created));
                    terminal.out.println("follow it: fleetctl rollout watch " + id);
                }
                return Exit.OK;
            }
            return Watch.follow(client, terminal, id, output);
        }

        private ObjectNode body() {
            ObjectNode body;
            if (file != null) {
                String text = ManifestFiles.read(List.of(file), terminal);
                try {
                    JsonNode tree = Json.YAML.readTree(text);
                    if (!(tree instanceof ObjectNode o)) {
                        throw CliFailure.usage(file + ": a rollout request is one object (strategy, waves, ...)");
                    }
                    body = o;
                } catch (IOException e) {
                    throw CliFailure.usage(file + ": not YAML or JSON: " + e.getMessage());
                }
            } else if (manifests == null) {
                throw CliFailure.usage("nothing to roll out: give -f REQUEST or --manifests FILE");
            } else {
                body = Json.JSON.createObjectNode();
            }
            if (manifests != null) {
                body.put("manifests", ManifestFiles.read(manifests, terminal));
            }
            putIfSet(body, "strategy", strategy);
            putIfSet(body, "waitTime", waitTime);
            putIfSet(body, "onFailure", onFailure);
            if (canaryOrder != null) {
                ArrayNode order = body.putArray("canaryOrder");
                canaryOrder.forEach(order::add);
            }
            if (force) {
                body.put("force", true);
            }
            targeting.addTo(body);
            return body;
        }

        private static void putIfSet(ObjectNode body, String field, String value) {
            if (value != null) {
                body.put(field, value);
            }
        }
    }

    @Command(name = "watch", description = "Follow a rollout live until it ends. Exit 0 when it succeeded, 1 when "
            + "it failed, was rolled back or cancelled. With -o json|yaml the progress goes to standard error and "
            + "the final rollout to standard output.")
    static final class Watch extends ApiCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Mixin
        OutputOption output;

        Watch(Terminal terminal) {
            super(terminal);
        }

        @Override
        Exit run(FleetClient client) throws IOException {
            return follow(client, terminal, id, output);
        }

        /** The progress on standard output, or with -o json|yaml on standard error and the final rollout on output. */
        static Exit follow(FleetClient client, Terminal terminal, String id, OutputOption output) {
            boolean raw = !output.table();
            JsonNode done = new RolloutWatch(client, raw ? terminal.err : terminal.out, terminal.interactive)
                    .follow(id);
            output.printRaw(done, terminal);
            return outcome(done);
        }
    }

    @Command(name = "get", description = "One rollout: its state and every cluster's.")
    static final class Get extends ApiCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Mixin
        OutputOption output;

        Get(Terminal terminal) {
            super(terminal);
        }

        @Override
        Exit run(FleetClient client) {
            JsonNode rollout = client.get(path(id), null).json();
            if (!output.printRaw(rollout, terminal)) {
                RolloutText.lines(rollout).forEach(terminal.out::println);
            }
            return Exit.OK;
        }
    }

    @Command(name = "list", description = "Every rollout, newest first.")
    static final class ListRollouts extends ApiCommand {
        @Mixin
        OutputOption output;

        ListRollouts(Terminal terminal) {
            super(terminal);
        }

        @Override
        Exit run(FleetClient client) {
            JsonNode answer = client.get("/api/v1/rollouts", null).json();
            if (!output.printRaw(answer, terminal)) {
                RolloutText.list(answer.path("items")).print(terminal.out);
            }
            return Exit.OK;
        }
    }

    /** pause, resume, promote, cancel: {@code POST /api/v1/rollouts/{id}/<action>}, then the rollout's state. */
    abstract static class Action extends ApiCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Mixin
        OutputOption output;

        private final String action;

        Action(Terminal terminal, String action) {
            super(terminal);
            this.action = action;
        }

        @Override
        Exit run(FleetClient client) {
            JsonNode rollout = client.post(path(id) + "/" + action, null, null, null).json();
            if (!output.printRaw(rollout, terminal)) {
                terminal.out.println(RolloutText.headline(rollout));
            }
            return Exit.OK;
        }
    }

    @Command(name = "pause", description = "Pause at the next step boundary.")
    static final class Pause extends Action {
        Pause(Terminal terminal) {
            super(terminal, "pause");
        }
    }

    @Command(name = "resume", description = "Continue a paused rollout.")
    static final class Resume extends Action {
        Resume(Terminal terminal) {
            super(terminal, "resume");
        }
    }

    @Command(name = "promote", description = "End the current wave's bake now.")
    static final class Promote extends Action {
        Promote(Terminal terminal) {
            super(terminal, "promote");
        }
    }

    @Command(name = "cancel", description = "Stop the rollout; clusters already applied keep the new objects.")
    static final class Cancel extends Action {
        Cancel(Terminal terminal) {
            super(terminal, "cancel");
        }
    }
}
