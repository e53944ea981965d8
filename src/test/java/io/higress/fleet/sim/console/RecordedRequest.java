package io.higress.fleet.sim.console;

/** What the simulated console received: method, path with query, body, and how it was authenticated. */
public record RecordedRequest(String method, String path, String body, String auth) {

    public static final String BASIC = "basic";
    public static final String COOKIE = "cookie";
    public static final String NONE = "none";

    @Override
    public String toString() {
        return method + " " + path + (body == null || body.isEmpty() ? "" : " " + body) + " [" + auth + "]";
    }
}
