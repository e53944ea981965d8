package io.higress.fleet.resources.mcpsettings;

import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.FieldChecks;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.shared.HigressConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Higress's global MCP settings ({@code /api/v1/mcp-settings/higress-config}): the {@code mcpServer} section of
 * {@code higress-config} ({@link McpSettingsForm}). Kubernetes-managed clusters only. docs/ai.md.
 */
public final class McpSettingsKind implements Kind<McpSettingsSpec> {
    private static final KindNames NAMES = new KindNames("mcp-setting", "mcp-settings", "McpSettings",
            "mcpSettings", "Global MCP settings: the mcpServer section of higress-config (enable, SSE path, Redis)");

    private final McpSettingsForm kubernetes = new McpSettingsForm();

    @Override
    public KindNames names() {
        return NAMES;
    }

    @Override
    public Class<McpSettingsSpec> specClass() {
        return McpSettingsSpec.class;
    }

    @Override
    public List<FieldError> validate(McpSettingsSpec s) {
        List<FieldError> errors = new ArrayList<>();
        FieldChecks f = new FieldChecks(errors);
        if (f.required("name", s.name()) && !HigressConfig.NAME.equals(s.name())) {
            f.fail("name", "the settings are one object per cluster, named " + HigressConfig.NAME);
        }
        f.namespace("namespace", s.namespace());
        if (s.ssePathSuffix() != null && !s.ssePathSuffix().matches("/[A-Za-z0-9._~/-]*")) {
            f.fail("ssePathSuffix", "must be a path starting with /");
        }
        if (s.redis() != null) {
            f.address("redis.address", s.redis().address());
            if (s.redis().db() != null && s.redis().db() < 0) {
                f.fail("redis.db", "must be 0 or more");
            }
        }
        return errors;
    }

    /** Before the MCP servers (45) that need it. */
    @Override
    public int exportOrder() {
        return 44;
    }

    @Override
    public KubernetesForm<McpSettingsSpec> kubernetes() {
        return kubernetes;
    }
}
