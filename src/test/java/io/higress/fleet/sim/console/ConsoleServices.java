package io.higress.fleet.sim.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The services the console lists at {@code /v1/services} (ServicesController, ServiceServiceImpl): what the gateway's
 * registry holds (the controller's {@code /debug/registryz}), one entry {@code {name, namespace, port, endpoints}}
 * per port, sorted by namespace, name and port, without the protected namespaces (kube-system and the controller's,
 * higress-system). Not simulated: the registry itself; a test seeds the services it has ({@link #seed}).
 */
final class ConsoleServices {
    private static final Set<String> PROTECTED = Set.of("kube-system", "higress-system");

    private record Service(String name, String namespace, Integer port) {
    }

    private final List<Service> registry = new CopyOnWriteArrayList<>();

    /** A service of the registry: {@code name} its host ({@code svc.ns.svc.cluster.local}, {@code x.dns}). */
    void seed(String name, String namespace, Integer port) {
        Service s = new Service(name, namespace, port);
        if (!registry.contains(s)) {
            registry.add(s);
        }
    }

    void clear() {
        registry.clear();
    }

    List<ObjectNode> listed() {
        return registry.stream().filter(s -> !PROTECTED.contains(s.namespace()))
                .sorted(Comparator.comparing(Service::namespace).thenComparing(Service::name)
                        .thenComparing(s -> s.port() == null ? 0 : s.port()))
                .map(s -> {
                    ObjectNode o = ConsoleSimulator.JSON.createObjectNode().put("name", s.name())
                            .put("namespace", s.namespace());
                    if (s.port() == null) {
                        o.putNull("port");
                    } else {
                        o.put("port", s.port());
                    }
                    o.putNull("endpoints");
                    return o;
                }).toList();
    }

    /** Whether the console takes the service as a plugin instance's target (validateServiceName: it is listed). */
    boolean known(String name) {
        return listed().stream().anyMatch(s -> name.equals(s.path("name").asText()));
    }
}
