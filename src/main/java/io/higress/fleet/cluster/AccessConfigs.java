package io.higress.fleet.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.higress.fleet.cluster.FleetConfig.KubernetesAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A {@code kubernetes} block (a cluster's or the home's) as a fabric8 client configuration: its kubeconfig (a file,
 * or the registered cluster's inline one), its master URL with a token and CA (files or inline), or the in-cluster
 * service account. Reads files: worker or main thread only.
 */
public final class AccessConfigs {

    private AccessConfigs() {
    }

    public static Config of(KubernetesAccess access, ClusterCredentials inline) {
        String context = access.context().orElse(null);
        if (inline.kubeconfig() != null) {
            return Config.fromKubeconfig(context, inline.kubeconfig(), null);
        }
        if (access.kubeconfig().isPresent()) {
            String path = access.kubeconfig().get();
            return Config.fromKubeconfig(context, read(path), path);
        }
        if (access.masterUrl().isPresent()) {
            ConfigBuilder b = new ConfigBuilder(Config.empty()).withMasterUrl(access.masterUrl().get());
            if (inline.token() != null) {
                b.withOauthToken(inline.token().trim());
            } else {
                access.tokenFile().ifPresent(f -> b.withOauthToken(read(f).trim()));
            }
            if (inline.ca() != null) {
                b.withCaCertData(Base64.getEncoder().encodeToString(inline.ca().getBytes(StandardCharsets.UTF_8)));
            } else {
                access.caFile().ifPresent(b::withCaCertFile);
            }
            return b.build();
        }
        return Config.autoConfigure(null);
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
