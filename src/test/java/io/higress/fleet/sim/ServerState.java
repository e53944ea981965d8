package io.higress.fleet.sim;

/** Envoy's server states, with the number {@code envoy_server_state} reports for each. */
public enum ServerState {
    LIVE(0), DRAINING(1), PRE_INITIALIZING(2), INITIALIZING(3);

    private final int gaugeValue;

    ServerState(int gaugeValue) {
        this.gaugeValue = gaugeValue;
    }

    public int gaugeValue() {
        return gaugeValue;
    }
}
