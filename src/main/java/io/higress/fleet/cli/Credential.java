package io.higress.fleet.cli;

/**
 * The bearer token fleetctl sends, and where it came from, so that a 401 can say what to fix. Never printed.
 *
 * @param token the login token or API key, or null to send none
 * @param note  which token fleetctl sent (or why none) and what to do, shown with a 401
 */
record Credential(String token, String note) {
    @Override
    public String toString() {
        return "Credential[" + note + "]";
    }
}
