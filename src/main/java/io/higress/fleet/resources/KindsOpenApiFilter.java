package io.higress.fleet.resources;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * {@link KindsResource} serves every kind at {@code /api/v1/{kind}}; the API description lists each registered kind
 * at its own path instead ({@code /api/v1/routes}, ...), tagged with its plural, and each kind's actions
 * ({@code /api/v1/plugins/{name}/enable}); {@link AiKindsResource}'s {@code /api/v1/ai/{kind}} likewise. The
 * per-kind schemas are issue 13's ({@link Kind#specClass()}).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class KindsOpenApiFilter implements OASFilter {
    static final String GENERIC = "/api/v1/{kind}";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, PathItem> generic = new LinkedHashMap<>();
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith(GENERIC)) {
                generic.put(path, item);
            }
        });
        openAPI.getPaths().getPathItems().keySet().stream().filter(p -> p.startsWith(AiKindsResource.GROUP_PATH))
                .toList().forEach(openAPI.getPaths()::removePathItem); // the same endpoints, listed per kind below
        generic.keySet().forEach(openAPI.getPaths()::removePathItem);
        for (Kind<?> kind : Kinds.ALL) {
            generic.forEach((path, item) -> {
                String concrete = kind.names().path() + path.substring(GENERIC.length());
                if (!concrete.contains("{action}")) {
                    openAPI.getPaths().addPathItem(concrete, copy(item, kind, null));
                    return;
                }
                kind.actions().keySet().stream().sorted().forEach(action -> openAPI.getPaths()
                        .addPathItem(concrete.replace("{action}", action), copy(item, kind, action)));
            });
        }
    }

    private static PathItem copy(PathItem item, Kind<?> kind, String action) {
        PathItem out = OASFactory.createPathItem();
        item.getOperations().forEach((method, op) -> {
            Operation o = OASFactory.createOperation()
                    .summary(summary(op.getSummary(), kind, action))
                    .description(op.getDescription())
                    .operationId(op.getOperationId() == null ? null
                            : op.getOperationId() + "-" + kind.names().plural() + (action == null ? "" : "-" + action))
                    .tags(List.of(kind.names().plural()))
                    .requestBody(op.getRequestBody())
                    .responses(op.getResponses())
                    .parameters(parameters(op.getParameters()));
            out.setOperation(method, o);
        });
        return out;
    }

    private static String summary(String summary, Kind<?> kind, String action) {
        String s = summary == null ? "" : summary.replace("object", kind.names().singular());
        return action == null ? s : kind.names().title() + ": " + action;
    }

    private static List<Parameter> parameters(List<Parameter> given) {
        List<Parameter> out = new ArrayList<>();
        if (given != null) {
            given.stream().filter(p -> !List.of("kind", "action").contains(p.getName())).forEach(out::add);
        }
        return out;
    }
}
