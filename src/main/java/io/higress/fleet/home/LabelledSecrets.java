package io.higress.fleet.home;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The one watch of the facade's own Secrets of a type (clusters registered at runtime, rollouts) in the home
 * namespace: an informer told of each one added or changed and each one deleted, started without being waited for
 * (readiness waits for {@link SharedIndexInformer#hasSynced}).
 */
public final class LabelledSecrets {
    private static final Logger LOG = Logger.getLogger(LabelledSecrets.class);

    private LabelledSecrets() {
    }

    public static SharedIndexInformer<Secret> watch(KubernetesClient client, String namespace, String label,
            String value, Consumer<Secret> seen, Consumer<Secret> gone) {
        SharedIndexInformer<Secret> i = client.secrets().inNamespace(namespace).withLabel(label, value)
                .runnableInformer(0);
        i.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Secret s) {
                seen.accept(s);
            }

            @Override
            public void onUpdate(Secret old, Secret s) {
                seen.accept(s);
            }

            @Override
            public void onDelete(Secret s, boolean finalStateUnknown) {
                gone.accept(s);
            }
        });
        i.start().whenComplete((v, t) -> {
            if (t != null) {
                LOG.warnf("The watch of %s=%s Secrets in %s did not start: %s (it retries)", label, value, namespace,
                        t.getMessage());
            }
        });
        return i;
    }
}
