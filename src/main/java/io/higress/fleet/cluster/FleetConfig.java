package io.higress.fleet.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet file (contract §9). Values are checked by {@link FleetConfigValidator} at startup so that a mistake
 * stops the facade with a message naming the key, instead of failing on the first request.
 */
@ConfigMapping(prefix = "fleet")
public interface FleetConfig {

    Map<String, ClusterConfig> clusters();

    /** The facade's own cluster, where clusters registered at runtime (and rollout objects) are kept. */
    Home home();

    interface Home {
        /** Like a cluster's {@code kubernetes} block; absent: no home, clusters come from this file only. */
        Optional<KubernetesAccess> kubernetes();

        /**
         * The block if anything of it is set: Quarkus lists the defaults of a fixed group (in-cluster, trust-certs)
         * as properties, which makes {@link #kubernetes()} present even when nobody configured a home.
         */
        default Optional<KubernetesAccess> access() {
            return kubernetes().filter(k -> k.kubeconfig().isPresent() || k.masterUrl().isPresent() || k.inCluster()
                    || k.context().isPresent() || k.tokenFile().isPresent() || k.caFile().isPresent());
        }

        /** Where the facade's objects live; absent: the client's namespace (the pod's in-cluster), else higress-fleet. */
        Optional<String> namespace();

        /** The Lease in the home namespace whose holder drives the rollouts (the other replicas only store them). */
        Lease lease();
    }

    interface Lease {
        @WithDefault("higress-fleet-rollouts")
        String name();

        /** How long a holder that stopped renewing keeps the Lease: the longest a rollout waits for a new leader. */
        @WithDefault("15s")
        Duration duration();

        /** How long the holder tries to renew before it stops driving (shorter than the duration). */
        @WithName("renew-deadline")
        @WithDefault("10s")
        Duration renewDeadline();

        /** Pause between two attempts to take or renew the Lease. */
        @WithName("retry-period")
        @WithDefault("2s")
        Duration retryPeriod();
    }

    Resources resources();

    /** Durable state: audit log, rollout journal. */
    @WithName("data-dir")
    @WithDefault("./data")
    String dataDir();

    Discovery discovery();

    /** Guard defaults per upstream kind; each cluster may override them. */
    UpstreamDefaults upstreams();

    Fanout fanout();

    /** The dashboard summary at /api/v1/fleet/health. */
    Health health();

    /** The single-gateway admin passthrough. */
    Admin admin();

    /** Envoy admin answers. */
    Envoy envoy();

    interface Envoy {
        /** Larger answers (a config_dump included) are an error item instead of being read on. */
        @WithName("max-answer-size")
        @WithDefault("268435456")
        long maxAnswerSize();
    }

    interface Health {
        /** How long one fan-out's answer is served to identical requests. */
        @WithDefault("2s")
        Duration ttl();

        /** How long past the TTL the previous summary is still served while the next fan-out runs. */
        @WithName("stale-grace")
        @WithDefault("1s")
        Duration staleGrace();
    }

    interface Admin {
        /** Whether admins may POST Envoy's state-changing endpoints (healthcheck/fail, quitquitquit, ...). */
        @WithName("allow-dangerous")
        @WithDefault("false")
        boolean allowDangerous();
    }

    Rollouts rollouts();

    /** Desired-state sets (docs/desired-state.md). */
    @WithName("desired-states")
    DesiredStates desiredStates();

    interface ClusterConfig {
        Map<String, String> labels();

        Optional<KubernetesAccess> kubernetes();

        Gateways gateways();

        /** Where routes, plugins and bridges are written: kubernetes | console. */
        @WithDefault("kubernetes")
        Management management();

        Optional<Console> console();

        /** What routes are written as when a write does not say ({@code ?api=}): ingress | gateway. */
        @WithName("routes-api")
        @WithDefault("ingress")
        RoutesApi routesApi();

        /** {@code namespace/name} of the Gateway routes written as HTTPRoutes attach to; needed for routes-api gateway. */
        @WithName("gateway-parent")
        Optional<String> gatewayParent();

        /** Per-cluster guard overrides, same shape as fleet.upstreams. */
        UpstreamOverrides upstreams();
    }

    interface KubernetesAccess {
        Optional<String> kubeconfig();

        Optional<String> context();

        @WithName("master-url")
        Optional<String> masterUrl();

        @WithName("token-file")
        Optional<String> tokenFile();

        @WithName("ca-file")
        Optional<String> caFile();

        @WithName("in-cluster")
        @WithDefault("false")
        boolean inCluster();

        /** Skip TLS verification: only for test clusters. */
        @WithName("trust-certs")
        @WithDefault("false")
        boolean trustCerts();
    }

    interface Gateways {
        @WithDefault("higress-system")
        String namespace();

        @WithDefault("app=higress-gateway")
        String selector();

        /** port-forward | direct */
        @WithName("admin-mode")
        @WithDefault("port-forward")
        AdminMode adminMode();

        @WithName("admin-port")
        @WithDefault("15000")
        int adminPort();

        /** admin-mode direct: gateway name -> admin base URL. */
        Map<String, String> direct();
    }

    interface Console {
        String url();

        @WithDefault("admin")
        String username();

        @WithName("password-file")
        Optional<String> passwordFile();
    }

    interface Resources {
        /** Where writes go that name no namespace, and what reads list. */
        @WithDefault("higress-system")
        String namespace();

        /** The namespaces writes may name (docs/security.md "Write limits"); absent: {@link #namespace()} only. */
        Optional<List<String>> namespaces();

        /** Prefixes the {@code url} of every Wasm plugin written must start with; {@code *}: any url. */
        @WithName("plugin-urls")
        @WithDefault(PLUGIN_REGISTRIES)
        List<String> pluginUrls();

        /** Higress's official plugin registry: the primary (cn-hangzhou) and its regional mirrors. */
        String PLUGIN_REGISTRIES = "oci://higress-registry.cn-hangzhou.cr.aliyuncs.com/plugins/,"
                + "oci://higress-registry.us-west-1.cr.aliyuncs.com/plugins/,"
                + "oci://higress-registry.ap-southeast-7.cr.aliyuncs.com/plugins/";
    }

    interface Discovery {
        /** How often gateway pods are listed again. */
        @WithDefault("10s")
        Duration refresh();

        /** How long a console's reachability and version are served before they are checked again. */
        @WithName("console-status-ttl")
        @WithDefault("10s")
        Duration consoleStatusTtl();
    }

    interface Fanout {
        /** Gateways called at once by one fan-out (the per-gateway bulkhead still applies). */
        @WithDefault("256")
        int concurrency();

        /**
         * config_dump calls waiting for their headers at once in a streamed fleet dump (Envoy's admin thread is
         * busy while it builds a dump). Answered dumps wait with their bodies paused until their turn.
         */
        @WithName("dump-concurrency")
        @WithDefault("4")
        int dumpConcurrency();

        /**
         * Bytes of redacted output read ahead per answered dump while another one is written (its body is paused
         * once this much waits), so several dumps are redacted in parallel. At most about
         * {@code (dump-concurrency + 1) × dump-read-ahead} bytes wait per streamed fleet dump.
         */
        @WithName("dump-read-ahead")
        @WithDefault("262144")
        long dumpReadAhead();

        /** Fleet reads (GET /api/v1/fleet/...) one caller may have running at once; one more gets 429. */
        @WithName("reads-per-caller")
        @WithDefault("16")
        int readsPerCaller();
    }

    interface Rollouts {
        /** How long a cluster may take to pass verification (converged) after its apply. */
        @WithName("verify-timeout")
        @WithDefault("2m")
        Duration verifyTimeout();

        /** Longest pause between two health-gate checks during a bake. */
        @WithName("max-poll-interval")
        @WithDefault("5s")
        Duration maxPollInterval();

        /** How long the journal of a finished rollout is kept; older ones are deleted at startup. */
        @WithDefault("7d")
        Duration retention();
    }

    interface DesiredStates {
        /** How often every set is compared with its clusters (the drift check, reads only). */
        @WithName("drift-interval")
        @WithDefault("5m")
        Duration driftInterval();
    }

    interface UpstreamDefaults {
        @WithName("envoy-admin")
        GuardSettings envoyAdmin();

        GuardSettings kubernetes();

        GuardSettings console();
    }

    interface UpstreamOverrides {
        @WithName("envoy-admin")
        GuardOverride envoyAdmin();

        GuardOverride kubernetes();

        GuardOverride console();
    }

    /** One upstream kind's guard. Defaults suit Envoy admin; application.yaml sets the others. */
    interface GuardSettings {
        /** Deadline of one call, retries included. */
        @WithDefault("5s")
        Duration timeout();

        /** Deadline for slow, big answers (config_dump, stats). */
        @WithName("slow-timeout")
        @WithDefault("30s")
        Duration slowTimeout();

        /** Retries of idempotent calls (never on 4xx, never when the breaker is open). */
        @WithDefault("2")
        int retries();

        @WithName("retry-backoff")
        @WithDefault("100ms")
        Duration retryBackoff();

        @WithName("retry-max-backoff")
        @WithDefault("1s")
        Duration retryMaxBackoff();

        /** The breaker judges the outcomes of this many most recent calls that reached the upstream. */
        @WithName("breaker-window")
        @WithDefault("20")
        int breakerWindow();

        /** Calls the window must hold before the breaker may open (at most the window): one failed read never does. */
        @WithName("breaker-min-calls")
        @WithDefault("10")
        int breakerMinCalls();

        /** Share of failed calls in the window that opens the breaker. */
        @WithName("breaker-failure-ratio")
        @WithDefault("0.5")
        double breakerFailureRatio();

        /** How long an open breaker refuses calls before it lets one trial call through. */
        @WithName("breaker-delay")
        @WithDefault("10s")
        Duration breakerDelay();

        /** Calls in flight at once to one upstream. */
        @WithDefault("2")
        int concurrency();

        /**
         * Calls waiting for a slot, per lane (the rollout health gate's reads have a lane of their own, served
         * first); more get 503, as do calls that found no slot within half their deadline.
         */
        @WithDefault("64")
        int queue();
    }

    interface GuardOverride {
        Optional<Duration> timeout();

        @WithName("slow-timeout")
        Optional<Duration> slowTimeout();

        Optional<Integer> retries();

        @WithName("retry-backoff")
        Optional<Duration> retryBackoff();

        @WithName("retry-max-backoff")
        Optional<Duration> retryMaxBackoff();

        @WithName("breaker-window")
        Optional<Integer> breakerWindow();

        @WithName("breaker-min-calls")
        Optional<Integer> breakerMinCalls();

        @WithName("breaker-failure-ratio")
        Optional<Double> breakerFailureRatio();

        @WithName("breaker-delay")
        Optional<Duration> breakerDelay();

        Optional<Integer> concurrency();

        Optional<Integer> queue();
    }
}
