package io.higress.fleet.fanout;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.problem.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One target's settled result in a fan-out: its data, or the problem it failed with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record FleetItem(String cluster, String gateway, String status, long durationMs, Object data, Problem error) {

    public static FleetItem ok(String cluster, String gateway, long durationMs, Object data) {
        return new FleetItem(cluster, gateway, "ok", durationMs, data, null);
    }

    public static FleetItem failed(String cluster, String gateway, long durationMs, Problem error) {
        return new FleetItem(cluster, gateway, "error", durationMs, null, error);
    }

    @JsonIgnore // not part of the §4 item: status says it
    public boolean isOk() {
        return error == null;
    }
}
