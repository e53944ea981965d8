package io.higress.fleet.admin.parse;

import com.fasterxml.jackson.databind.JsonNode;

/** Formats an Envoy {@code core.v3.Address} JSON object the way the text formats print it. */
final class Addresses {

    private Addresses() {
    }

    static String format(JsonNode address) {
        JsonNode socket = address.path("socket_address");
        if (socket.isObject()) {
            String ip = socket.path("address").asText("");
            String port = socket.has("port_value") ? socket.path("port_value").asText() : socket.path("named_port").asText("");
            return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
        }
        JsonNode pipe = address.path("pipe");
        if (pipe.isObject()) {
            return pipe.path("path").asText("");
        }
        JsonNode internal = address.path("envoy_internal_address");
        if (internal.isObject()) {
            return "envoy://" + internal.path("server_listener_name").asText("") + "/"
                    + internal.path("endpoint_id").asText("");
        }
        return address.isMissingNode() || address.isNull() ? "" : address.toString();
    }
}
