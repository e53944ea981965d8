package io.higress.fleet.admin.parse;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Set;

/**
 * One upstream host of {@code /clusters}.
 *
 * @param address e.g. {@code 10.0.0.1:80}, {@code [2001:db8::1]:80} or a pipe path
 * @param flags   Envoy's health flag names as the text format prints them ({@code failed_active_hc},
 *                {@code failed_outlier_check}, {@code failed_eds_health}, {@code degraded_active_hc},
 *                {@code degraded_eds_health}, {@code pending_dynamic_removal}, ...); empty when healthy
 */
@RegisterForReflection
public record HostHealth(String address, boolean healthy, List<String> flags) {

    /** Flags that make Envoy's coarse health "unhealthy" (the host receives no traffic unless in panic). */
    static final Set<String> UNHEALTHY_FLAGS = Set.of("failed_active_hc", "failed_outlier_check", "failed_eds_health",
            "active_hc_timeout");

    static HostHealth of(String address, List<String> flags) {
        boolean healthy = flags.stream().noneMatch(UNHEALTHY_FLAGS::contains);
        return new HostHealth(address, healthy, List.copyOf(flags));
    }
}
