package io.higress.fleet.home;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.higress.fleet.cluster.AccessConfigs;
import io.higress.fleet.cluster.ClusterCredentials;
import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.problem.ProblemException;
import io.higress.fleet.problem.ProblemType;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The home cluster's client and namespace, built at start-up on the main thread (reading a kubeconfig blocks), from
 * {@code fleet.home.kubernetes} (like a cluster's {@code kubernetes} block; {@code in-cluster: true} in a pod). Its
 * calls block: worker threads only. The JDK transport, as for the targets ({@code KubeClients} says why): watch
 * events and answers are parsed on its threads, never on an event loop.
 */
@Startup
@ApplicationScoped
public class HomeCluster {
    /** The label naming which of the facade's own objects (rollout, desired-state, revision, ...) an object is. */
    public static final String OBJECT_TYPE_LABEL = "higress-fleet.io/object-type";
    private static final Logger LOG = Logger.getLogger(HomeCluster.class);
    static final String DEFAULT_NAMESPACE = "higress-fleet";

    private final KubernetesClient client;
    private final String namespace;

    public HomeCluster(FleetConfig config) {
        FleetConfig.Home home = config.home();
        this.client = home.access().map(HomeCluster::create).orElse(null);
        this.namespace = home.namespace()
                .or(() -> Optional.ofNullable(client).map(KubernetesClient::getNamespace))
                .orElse(DEFAULT_NAMESPACE);
        if (client != null) {
            LOG.infof("Home cluster %s, namespace %s: clusters may be registered at runtime",
                    client.getMasterUrl(), namespace);
        }
    }

    private static KubernetesClient create(FleetConfig.KubernetesAccess access) {
        Config base = AccessConfigs.of(access, ClusterCredentials.NONE);
        Config config = new ConfigBuilder(base)
                .withRequestTimeout(10_000)
                .withConnectionTimeout(5_000)
                .withHttp2Disable(base.isHttp2Disable() || base.getMasterUrl().startsWith("http:"))
                .withTrustCerts(base.isTrustCerts() || access.trustCerts())
                .build();
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory())
                .build();
    }

    public boolean configured() {
        return client != null;
    }

    /** The client, or a 405 problem saying that this facade has no home to keep shared state in. */
    public KubernetesClient client() {
        if (client == null) {
            throw new ProblemException(Problem.of(ProblemType.METHOD_NOT_ALLOWED,
                    "this facade has no home cluster: its clusters are the fleet file's only")
                    .withHint("configure fleet.home.kubernetes (in a pod: in-cluster: true) to register clusters "
                            + "at runtime"));
        }
        return client;
    }

    public String namespace() {
        return namespace;
    }

    /**
     * A failed call to the home cluster as a problem: its answer's status where it is the caller's business (404,
     * 409), else an upstream problem with a hint for the operator. Never the request's body.
     */
    public static ProblemException problem(KubernetesClientException e, String what) {
        String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getClass().getSimpleName();
        Problem p = switch (e.getCode()) {
            case 404 -> Problem.of(ProblemType.NOT_FOUND, what + ": not found in the home cluster");
            case 409 -> Problem.of(ProblemType.CONFLICT, what + ": " + reason);
            case 401 -> Problem.of(ProblemType.UPSTREAM_UNAUTHORIZED, "home cluster: " + what + ": " + reason)
                    .withHint("check fleet.home.kubernetes' credentials");
            case 403 -> Problem.of(ProblemType.UPSTREAM_FORBIDDEN, "home cluster: " + what + ": " + reason)
                    .withHint("the facade's Role in its namespace (deploy/kubernetes/facade.yaml) allows secrets, "
                            + "configmaps and leases");
            default -> Problem.of(e.getCode() >= 400 ? ProblemType.UPSTREAM_ERROR : ProblemType.UPSTREAM_UNREACHABLE,
                    "home cluster: " + what + ": " + reason)
                    .withHint("check that the home cluster's API server is reachable from the facade");
        };
        return new ProblemException(p);
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
