package io.higress.fleet.resources.servicesource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The McpBridge registry types the console accepts (ServiceSource's allowable types). */
enum RegistryType {
    NACOS("nacos"), NACOS2("nacos2"), NACOS3("nacos3"), ZOOKEEPER("zookeeper"), CONSUL("consul"), EUREKA("eureka"),
    STATIC("static"), DNS("dns");

    final String wire;

    RegistryType(String wire) {
        this.wire = wire;
    }

    boolean nacos() {
        return this == NACOS || this == NACOS2 || this == NACOS3;
    }

    static RegistryType of(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst().orElse(null);
    }

    static String names() {
        return Arrays.stream(values()).map(t -> t.wire).collect(Collectors.joining(", "));
    }

    /** A static or dns {@code domain}: its comma-separated entries, trimmed, empty ones left out (as the console). */
    static List<String> split(String domain) {
        return Arrays.stream(domain.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
