package io.higress.fleet.resources.plugin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Json;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.KubernetesObjectForm;
import io.higress.fleet.resources.KubernetesType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plugins (contract §5): the brief's plugin body as an {@code extensions.higress.io/v1alpha1} WasmPlugin
 * ({@link PluginTranslator}), or the console's plugin definition and global instance ({@link ConsolePluginForm});
 * {@code POST /{name}/enable} and {@code /disable} switch it.
 */
public final class PluginKind implements Kind<PluginSpec> {
    static final KubernetesType WASM_PLUGIN = new KubernetesType(PluginTranslator.API_VERSION, PluginTranslator.KIND,
            "wasmplugins");

    private static final KindNames NAMES = new KindNames("plugin", "plugins", PluginTranslator.KIND, "plugins",
            "Plugins: WasmPlugins");

    private final PluginImages images = PluginImages.defaults();
    private final KubernetesForm<PluginSpec> kubernetes = new KubernetesObjectForm<>(WASM_PLUGIN,
            (p, ns) -> (ObjectNode) Json.tree(new PluginTranslator(ns, images).toWasmPlugin(p)),
            o -> new PluginTranslator(null, images).fromWasmPlugin(
                    Json.MAPPER.convertValue(o, GenericKubernetesResource.class)));
    private final ConsolePluginForm console = new ConsolePluginForm(images);

    @Override
    public KindNames names() {
        return NAMES;
    }

    @Override
    public Class<PluginSpec> specClass() {
        return PluginSpec.class;
    }

    @Override
    public List<FieldError> validate(PluginSpec spec) {
        return new PluginValidator(images).validate(spec);
    }

    @Override
    public int exportOrder() {
        return 30;
    }

    @Override
    public KubernetesForm<PluginSpec> kubernetes() {
        return kubernetes;
    }

    @Override
    public Optional<Form<PluginSpec>> console() {
        return Optional.of(console);
    }

    @Override
    public Map<String, ObjectNode> actions() {
        return Map.of("enable", JsonNodeFactory.instance.objectNode().put("enabled", true),
                "disable", JsonNodeFactory.instance.objectNode().put("enabled", false));
    }
}
