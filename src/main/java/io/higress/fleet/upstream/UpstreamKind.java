package io.higress.fleet.upstream;

/** The three kinds of upstream the facade calls; each has its own guard defaults. */
public enum UpstreamKind {
    KUBERNETES("kubernetes"),
    ENVOY_ADMIN("envoy-admin"),
    CONSOLE("console");

    private final String id;

    UpstreamKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
