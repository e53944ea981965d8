package io.higress.fleet.admin.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;

/** One entry of {@code /listeners?format=json}; address formatted like {@code 0.0.0.0:9212} or a pipe path. */
@RegisterForReflection
public record ListenerInfo(String name, String address) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static List<ListenerInfo> parseJson(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw MalformedAdminResponseException.invalidJson("/listeners", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedAdminResponseException("/listeners: expected a JSON object");
        }
        List<ListenerInfo> listeners = new ArrayList<>();
        for (JsonNode status : root.path("listener_statuses")) {
            listeners.add(new ListenerInfo(status.path("name").asText(), Addresses.format(status.path("local_address"))));
        }
        return List.copyOf(listeners);
    }
}
