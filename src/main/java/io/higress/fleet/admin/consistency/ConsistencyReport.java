package io.higress.fleet.admin.consistency;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Optional;

/** Configuration drift per section; gateways without a usable config_dump are left out by the caller. */
@RegisterForReflection
public record ConsistencyReport(int gateways, List<SectionConsistency> sections) {

    public Optional<SectionConsistency> section(String name) {
        return sections.stream().filter(s -> s.section().equals(name)).findFirst();
    }
}
