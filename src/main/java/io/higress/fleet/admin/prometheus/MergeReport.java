package io.higress.fleet.admin.prometheus;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What a merge kept and dropped.
 *
 * @param problems  one line per dropped input line or conflict, e.g.
 *                  {@code "c1/gw-a line 12: second TYPE gauge for counter family foo: samples dropped"}; at most
 *                  {@link PrometheusMerger#MAX_PROBLEMS} are listed, {@code droppedSamples} counts them all
 */
@RegisterForReflection
public record MergeReport(int gateways, int gatewaysDown, int families, int samples, int droppedSamples,
        List<String> problems) {
}
