package io.higress.fleet.admin.parse;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Set;

/**
 * The answer of Envoy's {@code /ready}: {@code LIVE} means ready; {@code PRE_INITIALIZING}, {@code INITIALIZING} and
 * {@code DRAINING} (answered with 503) mean not ready.
 */
@RegisterForReflection
public record ReadyState(String state, boolean ready) {

    private static final Set<String> NOT_READY = Set.of("PRE_INITIALIZING", "INITIALIZING", "DRAINING");

    /** @throws MalformedAdminResponseException for any other text */
    public static ReadyState parse(CharSequence body) {
        if (body == null) {
            throw new MalformedAdminResponseException("/ready: empty answer");
        }
        String state = body.toString().strip();
        if (state.equals("LIVE")) {
            return new ReadyState(state, true);
        }
        if (NOT_READY.contains(state)) {
            return new ReadyState(state, false);
        }
        throw new MalformedAdminResponseException("/ready: unknown server state '"
                + JsonErrors.printable(state, 60) + "'");
    }
}
