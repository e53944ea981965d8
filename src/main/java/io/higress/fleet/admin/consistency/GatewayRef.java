package io.higress.fleet.admin.consistency;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Comparator;

/** One gateway of the fleet. */
@RegisterForReflection
public record GatewayRef(String cluster, String gateway) implements Comparable<GatewayRef> {

    private static final Comparator<GatewayRef> ORDER = Comparator.comparing(GatewayRef::cluster)
            .thenComparing(GatewayRef::gateway);

    @Override
    public int compareTo(GatewayRef other) {
        return ORDER.compare(this, other);
    }
}
