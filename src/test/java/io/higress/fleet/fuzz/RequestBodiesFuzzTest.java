package io.higress.fleet.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.resources.McpBridgeSpec;
import io.higress.fleet.resources.McpBridgeValidator;
import io.higress.fleet.resources.PluginImages;
import io.higress.fleet.resources.PluginSpec;
import io.higress.fleet.resources.PluginValidator;
import io.higress.fleet.resources.RequestReader;
import io.higress.fleet.resources.RouteSpec;
import io.higress.fleet.resources.RouteValidator;
import io.higress.fleet.rollout.RolloutRequest;
import java.util.function.Consumer;

class RequestBodiesFuzzTest {

    private static final RouteValidator ROUTES = new RouteValidator();
    private static final PluginValidator PLUGINS = new PluginValidator(PluginImages.defaults());
    private static final McpBridgeValidator BRIDGES = new McpBridgeValidator();

    /** Every body the REST layer reads: parsed, bound strictly, validated, or a 400 naming the field. */
    @FuzzTest(maxDuration = "5s")
    void bodiesBindAndValidateOrAre400(FuzzedDataProvider data) {
        int kind = data.consumeInt(0, 3);
        String body = data.consumeRemainingAsString();
        Refusals.only400(() -> {
            JsonNode tree = RequestReader.tree(body);
            switch (kind) {
                case 0 -> check(tree, RouteSpec.class, ROUTES::check);
                case 1 -> check(tree, PluginSpec.class, PLUGINS::check);
                case 2 -> check(tree, McpBridgeSpec.class, BRIDGES::check);
                default -> RequestReader.bind(tree, RolloutRequest.class);
            }
        });
    }

    private static <T> void check(JsonNode tree, Class<T> type, Consumer<T> validator) {
        RequestReader.bind(tree, type).validated(spec -> {
            validator.accept(spec);
            return spec;
        });
    }
}
