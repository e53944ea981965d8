package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code POST /api/v1/manifests}: Ingress, WasmPlugin, McpBridge, Http2Rpc objects written to every targeted
 * cluster, or with {@code --dry-run} only planned; the answer printed as a diff per cluster ({@link PlanText}).
 */
@Command(name = "apply", description = "Apply Kubernetes manifests (Ingress, WasmPlugin, McpBridge, Http2Rpc) to "
        + "the clusters; prints each cluster's plan as a diff. Exit 2 when some clusters failed.")
final class ApplyCommand extends ApiCommand {
    @Option(names = {"-f", "--filename"}, paramLabel = "FILE", required = true,
            description = "Multi-document YAML or JSON; repeatable; a directory applies its .yaml, .yml and "
                    + ".json files in name order; '-' reads standard input.")
    List<String> files;

    @Option(names = "--dry-run", description = "Plan only: what each cluster would get; nothing is written.")
    boolean dryRun;

    @Option(names = "--force", description = "Take over objects that exist but are not managed by the facade.")
    boolean force;

    @Option(names = "--exit-code", description = "With --dry-run: exit 2 when the plan would change something "
            + "(the clusters drifted from the manifests), 0 when all is unchanged.")
    boolean exitCode;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Default: the facade's "
            + "(fleet.resources.namespace, higress-system).")
    String namespace;

    @Mixin
    OutputOption output;

    @Mixin
    TargetingOptions targeting;

    ApplyCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    Exit run(FleetClient client) {
        if (exitCode && !dryRun) {
            throw CliFailure.usage("--exit-code needs --dry-run");
        }
        String manifests = ManifestFiles.read(files, terminal);
        Query query = targeting.addTo(new Query()).flag("dryRun", dryRun).flag("force", force)
                .add("namespace", namespace);
        Answer answer = client.post("/api/v1/manifests", query, ManifestFiles.contentType(manifests),
                manifests.getBytes(StandardCharsets.UTF_8));
        JsonNode body = answer.json();
        PlanText.Counts counts = output.printRaw(body, terminal) ? PlanText.Counts.of(body)
                : new PlanText(terminal).print(body);
        Exit exit = answer.status() == 207 || counts.of(PlanText.Action.ERROR) > 0 ? Exit.PARTIAL : Exit.OK;
        return exitCode && counts.changes() ? exit.and(Exit.PARTIAL) : exit;
    }
}
