package io.higress.fleet.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A collection of the Higress Console's REST API ({@code /v1/routes}, ...), and how the console treats it:
 * {@code createByPut} — created by {@code PUT path/name} (plugin instances have no POST); {@code absentWithoutVersion}
 * — a GET of a missing one answers a default object without version (plugin instances), which means absent;
 * {@code writeOnly} — fields the console never answers and nobody reads back (a certificate's {@code key}): their
 * differences show digests; {@code saveAtCollection} — created and updated by {@code PUT path} with the whole body
 * (the console's MCP servers: {@code PUT /v1/mcpServer}), read and deleted at {@code path/name}.
 */
@RegisterForReflection
public record ConsoleType(String path, boolean createByPut, boolean absentWithoutVersion, List<String> writeOnly,
        boolean saveAtCollection) implements StoredType {

    public ConsoleType {
        writeOnly = writeOnly == null ? List.of() : List.copyOf(writeOnly); // journals written before the field
    }

    public ConsoleType(String path, boolean createByPut, boolean absentWithoutVersion) {
        this(path, createByPut, absentWithoutVersion, List.of());
    }

    public ConsoleType(String path, boolean createByPut, boolean absentWithoutVersion, List<String> writeOnly) {
        this(path, createByPut, absentWithoutVersion, writeOnly, false);
    }

    @Override
    public String label() {
        return path;
    }

    public String itemPath(String name) {
        return path + "/" + name;
    }

    public ObjectAddress address(String name) {
        return new ObjectAddress(this, null, name);
    }

    /** Everything but the version (nulls dropped: the console answers unset fields as null). */
    @Override
    public ObjectNode content(ObjectNode body) {
        if (body == null) {
            return Json.MAPPER.createObjectNode();
        }
        ObjectNode c = (ObjectNode) ObjectDiff.canonical(body);
        c.remove("version");
        for (String field : writeOnly) {
            if (c.path(field).isTextual()) {
                c.put(field, KubernetesType.digest(c.get(field).asText()));
            }
        }
        return c;
    }

    /** The console replaces the whole object on PUT: the form built the whole body; the version read goes with it. */
    @Override
    public ObjectNode overCurrent(ObjectNode desired, StoredObject current) {
        ObjectNode out = desired.deepCopy();
        if (current.version() != null) {
            out.put("version", current.version());
        } else {
            out.remove("version");
        }
        return out;
    }

    @Override
    public String versionOf(ObjectNode body) {
        JsonNode v = body.path("version");
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
