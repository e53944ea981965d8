package io.higress.fleet.upstream;

/** A circuit breaker's state, as {@code /api/v1/upstreams} and the {@code fleet_upstream_breaker_state} gauge show it. */
public enum BreakerState {
    /** Calls pass; their outcomes are judged. */
    CLOSED(0),
    /** Calls are refused until the breaker's delay has passed. */
    OPEN(1),
    /** One trial call passes: its success closes the breaker, its failure opens it again. */
    HALF_OPEN(2);

    private final int gaugeValue;

    BreakerState(int gaugeValue) {
        this.gaugeValue = gaugeValue;
    }

    public int gaugeValue() {
        return gaugeValue;
    }
}
