package io.higress.fleet.admin.configdump;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Optional;

/** What a config_dump says about the configuration a gateway applied, per section, without its content. */
@RegisterForReflection
public record ConfigDumpSummary(List<ConfigSection> sections) {

    public Optional<ConfigSection> section(String kind) {
        return sections.stream().filter(s -> s.kind().equals(kind)).findFirst();
    }

    /** The resources of every section of that kind (normally one section per kind). */
    public List<ResourceSummary> resources(String kind) {
        return sections.stream().filter(s -> s.kind().equals(kind)).flatMap(s -> s.resources().stream()).toList();
    }
}
