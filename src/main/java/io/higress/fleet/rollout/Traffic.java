package io.higress.fleet.rollout;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Downstream requests a cluster's gateways answered so far (Envoy counters, summed over the gateways). */
@RegisterForReflection
public record Traffic(long total, long errors5xx) {

    /** The 5xx ratio of the requests between {@code earlier} and this sample; 0 without traffic. */
    public double errorRatioSince(Traffic earlier) {
        long requests = Math.max(0, total - earlier.total);
        long errors = Math.max(0, errors5xx - earlier.errors5xx);
        return requests == 0 ? 0 : (double) Math.min(errors, requests) / requests;
    }
}
