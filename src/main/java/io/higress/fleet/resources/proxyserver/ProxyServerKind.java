package io.higress.fleet.resources.proxyserver;

import io.higress.fleet.cluster.Names;
import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.FieldChecks;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.KindNames;
import io.higress.fleet.resources.KubernetesForm;
import io.higress.fleet.resources.shared.BridgeRegistries;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Proxy servers ({@code /api/v1/proxy-servers}), as the console keeps them: entries of the McpBridge
 * {@code default}'s {@code proxies} ({@link KubernetesProxyForm}), or the console's {@code /v1/proxy-servers}
 * ({@link ConsoleProxyForm}). Checked as the console's ProxyServer.isValid, each rule naming its field.
 */
public final class ProxyServerKind implements Kind<ProxyServerSpec> {
    private static final KindNames NAMES = new KindNames("proxy-server", "proxy-servers", "ProxyServer",
            "proxyServers", "Proxy servers: proxies of the McpBridge default");

    private final KubernetesProxyForm kubernetes = new KubernetesProxyForm();
    private final ConsoleProxyForm console = new ConsoleProxyForm();

    @Override
    public KindNames names() {
        return NAMES;
    }

    @Override
    public Class<ProxyServerSpec> specClass() {
        return ProxyServerSpec.class;
    }

    @Override
    public List<FieldError> validate(ProxyServerSpec p) {
        List<FieldError> errors = new ArrayList<>();
        FieldChecks c = new FieldChecks(errors);
        if (c.required("name", p.name()) && !BridgeRegistries.isProxyName(p.name())) {
            c.fail("name", "must start with a lower case letter, then lower case letters, digits, '-', '_' and '.', "
                    + "at most 63");
        }
        c.namespace("namespace", p.namespace());
        c.required("type", p.type());
        if (c.required("serverAddress", p.serverAddress()) && !FieldChecks.isIpv4(p.serverAddress())
                && !Names.isDns1123Subdomain(p.serverAddress())) {
            c.fail("serverAddress", "must be an IPv4 address or a domain name");
        }
        c.port("serverPort", p.serverPort());
        if (p.connectTimeout() != null && p.connectTimeout() < 0) {
            c.fail("connectTimeout", "must not be negative");
        }
        return errors;
    }

    @Override
    public String nameError(String name) {
        return BridgeRegistries.isProxyName(name) ? null : "must be a proxy server name";
    }

    /** Before the service sources that name them (both are in the McpBridge default). */
    @Override
    public int exportOrder() {
        return 9;
    }

    @Override
    public KubernetesForm<ProxyServerSpec> kubernetes() {
        return kubernetes;
    }

    @Override
    public Optional<Form<ProxyServerSpec>> console() {
        return Optional.of(console);
    }
}
