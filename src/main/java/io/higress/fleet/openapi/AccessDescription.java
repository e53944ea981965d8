package io.higress.fleet.openapi;

import io.higress.fleet.security.AccessTable;
import io.higress.fleet.security.Role;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Who may call each operation, from THE access table ({@link AccessTable}): the bearer scheme (a login token or an
 * API key), required everywhere but on open operations (the login), 401 where it is required, 403 and the role
 * where more than a viewer is needed.
 */
final class AccessDescription {
    static final String SCHEME = "bearer";

    private static final AccessTable TABLE = AccessTable.standard(Optional.of(Role.VIEWER));

    private AccessDescription() {
    }

    static void addTo(OpenAPI api) {
        api.getComponents().addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("'Authorization: Bearer <token>': the data.token of POST /api/v1/user/login (valid for "
                        + "its data.expire seconds), or an API key (fleet.security.api-keys). Roles: viewer reads "
                        + "(secrets redacted), operator also writes, admin everything (docs/security.md)."));
        api.setSecurity(List.of(bearer()));
        api.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> describe(path, method, operation)));
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        AccessTable.Requirement needed = TABLE.requirementFor(method.name(), path.replaceAll("\\{[^}]+}", "x"));
        if (needed.isOpen()) {
            operation.setSecurity(List.of()); // anonymous
            return;
        }
        operation.setSecurity(List.of(bearer()));
        ProblemAnswers.add(operation, 401);
        // every protected operation can be a 403: a role too low, or targets outside a caller's role bindings
        ProblemAnswers.add(operation, 403);
        boolean everywhere = needed.reach() == AccessTable.Reach.EVERYWHERE;
        if (needed.role() != Role.VIEWER || everywhere) {
            String note = "Needs the role " + needed.role().label() + (everywhere ? " on every cluster (a role, not a "
                    + "role binding)." : ".");
            operation.setDescription(operation.getDescription() == null ? note : operation.getDescription() + " " + note);
        }
    }

    private static SecurityRequirement bearer() {
        return OASFactory.createSecurityRequirement().addScheme(SCHEME);
    }
}
