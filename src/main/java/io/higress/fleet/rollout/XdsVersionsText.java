package io.higress.fleet.rollout;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A gateway's xDS versions as journaled ({@code ClusterProgress.xdsBefore}): {@code RDS=v1 ECDS=v7}, one
 * {@code section=versions} per touched section. A journal of an older facade holds the bare route version: read as
 * RDS.
 */
final class XdsVersionsText {
    private XdsVersionsText() {
    }

    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        boolean sectioned = false;
        for (XdsSection s : XdsSection.values()) {
            sectioned |= text.startsWith(s.name() + "=");
        }
        if (!sectioned) {
            out.put(XdsSection.RDS.name(), text);
            return out;
        }
        for (String part : text.split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }
}
