package io.higress.fleet.resources.proxyserver;

import io.higress.fleet.resources.ConsoleType;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Part;
import io.higress.fleet.resources.StoreReads;
import io.higress.fleet.resources.StoredObject;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * A proxy server through the console's {@code /v1/proxy-servers}: the ProxyServer body ({@code type, name,
 * serverAddress, serverPort, connectTimeout}). Its version (the bridge's) is not enforced: the last writer wins.
 * The console refuses to delete a proxy a source uses (an error of that cluster). No mark: they count as the fleet's.
 */
final class ConsoleProxyForm implements Form<ProxyServerSpec> {
    static final ConsoleType PROXIES = new ConsoleType("/v1/proxy-servers", false, false);

    @Override
    public Uni<Copy<ProxyServerSpec>> read(StoreReads reads, String namespace, String name, ProxyServerSpec desired) {
        return reads.get(PROXIES.address(name)).map(o -> o == null
                ? Copy.<ProxyServerSpec>absent(namespace, name, List.of()) : copy(o, namespace));
    }

    @Override
    public Uni<List<Copy<ProxyServerSpec>>> list(StoreReads reads, String namespace) {
        return reads.list(PROXIES, null).map(all -> all.stream().map(o -> copy(o, namespace)).toList());
    }

    private static Copy<ProxyServerSpec> copy(StoredObject o, String namespace) {
        return new Copy<>(namespace, o.address().name(), KubernetesProxyForm.spec(o.body(), namespace), List.of(o),
                List.of(), true, o.version());
    }

    @Override
    public List<Part> parts(ProxyServerSpec spec, String namespace, Copy<ProxyServerSpec> current) {
        return List.of(new Part(PROXIES.address(spec.name()), KubernetesProxyForm.body(spec), null));
    }
}
