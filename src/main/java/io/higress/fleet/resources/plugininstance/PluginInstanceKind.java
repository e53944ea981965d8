package io.higress.fleet.resources.plugininstance;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.cluster.Names;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.KubernetesForm;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plugin instances at every scope ({@code /api/v1/plugin-instances}): entries of the plugin's WasmPlugin
 * ({@link KubernetesInstanceForm}) or the console's plugin instances ({@link ConsoleInstanceForm});
 * {@code POST /{name}/enable} and {@code /disable} switch one instance. docs/resources.md.
 */
public final class PluginInstanceKind implements Kind<PluginInstanceSpec> {
    private static final KindNames NAMES = new KindNames("plugin-instance", "plugin-instances", "PluginInstance",
            "pluginInstances", "Plugin instances: a plugin's configuration at the global, domain, route or service scope");

    private final KubernetesInstanceForm kubernetes = new KubernetesInstanceForm();
    private final ConsoleInstanceForm console = new ConsoleInstanceForm();

    @Override
    public KindNames names() {
        return NAMES;
    }

    @Override
    public Class<PluginInstanceSpec> specClass() {
        return PluginInstanceSpec.class;
    }

    @Override
    public List<FieldError> validate(PluginInstanceSpec spec) {
        return new PluginInstanceValidator().validate(spec);
    }

    /** With the plugins that hold them. */
    @Override
    public int exportOrder() {
        return 31;
    }

    @Override
    public KubernetesForm<PluginInstanceSpec> kubernetes() {
        return kubernetes;
    }

    @Override
    public Optional<Form<PluginInstanceSpec>> console() {
        return Optional.of(console);
    }

    @Override
    public Map<String, ObjectNode> actions() {
        return Map.of("enable", JsonNodeFactory.instance.objectNode().put("enabled", true),
                "disable", JsonNodeFactory.instance.objectNode().put("enabled", false));
    }

    /** A DNS name, a wildcard domain's {@code *.} allowed; one that names no instance reads as absent. */
    @Override
    public String nameError(String name) {
        // as the validator checks a SERVICE target: a service host may carry its port (x.svc.cluster.local:8080)
        return Names.isDns1123Subdomain(name.replace("*.", "w.").replace(":", "-")) ? null : "must be <plugin>.global, "
                + "<plugin>.domain.<domain>, <plugin>.route.<route> or <plugin>.service.<service>";
    }
}
