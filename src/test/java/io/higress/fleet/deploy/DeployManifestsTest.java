package io.higress.fleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.higress.fleet.init.FleetInit;
import io.higress.fleet.resources.KubernetesType;
import io.higress.fleet.resources.Kinds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped manifests parse as Kubernetes objects and point at what the application really serves. */
class DeployManifestsTest {

    static List<HasMetadata> load(String file) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("deploy/kubernetes", file))) {
            Object parsed = Serialization.unmarshal(in);
            if (parsed instanceof List<?> documents) {
                return documents.stream().map(HasMetadata.class::cast).toList();
            }
            return parsed instanceof KubernetesList list ? list.getItems() : List.of((HasMetadata) parsed);
        }
    }

    @Test
    void theFacadeDeploymentProbesTheHealthEndpointsAndMountsTheFleetFile() throws IOException {
        List<HasMetadata> objects = load("facade.yaml");
        assertThat(objects).extracting(HasMetadata::getKind)
                .contains("Namespace", "ServiceAccount", "Role", "RoleBinding", "Deployment", "Service",
                        "PodDisruptionBudget")
                // the fleet file, token secret and kubeconfigs come from the Secret made from bin/fleet-init's
                // directory: no credential, not even a placeholder one, is in the manifest
                .doesNotContain("Secret", "ConfigMap");
        Deployment d = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .findFirst().orElseThrow();
        var pod = d.getSpec().getTemplate().getSpec();
        var container = pod.getContainers().get(0);
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getEnv()).anyMatch(e -> e.getName().equals("QUARKUS_CONFIG_LOCATIONS")
                && e.getValue().equals("/etc/fleet/fleet.yaml"));
        assertThat(container.getEnv()).anyMatch(e -> e.getName().equals("FLEET_TOKEN_SECRET")
                && e.getValueFrom().getSecretKeyRef().getName().equals("higress-fleet")
                && e.getValueFrom().getSecretKeyRef().getKey().equals("token-secret"));
        // mounted where bin/fleet-init --mount /etc/fleet references the files, the data where it puts data-dir
        assertThat(container.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/etc/fleet")
                && Boolean.TRUE.equals(m.getReadOnly()) && pod.getVolumes().stream().anyMatch(v ->
                        v.getName().equals(m.getName()) && v.getSecret() != null
                                && v.getSecret().getSecretName().equals("higress-fleet")
                                && v.getSecret().getDefaultMode() == 0440));
        // the data directory is per replica (audit log, rollout journal): no ReadWriteOnce volume pins the pods
        assertThat(container.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals(
                FleetInit.MOUNTED_DATA_DIR.toString()) && pod.getVolumes().stream().anyMatch(v ->
                        v.getName().equals(m.getName()) && v.getEmptyDir() != null));
        assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("PersistentVolumeClaim");
        // a read-only root file system still needs a writable /tmp (Vert.x' file cache)
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/tmp"));
        // highly available: two replicas or more, updated one at a time without going below the replica count
        assertThat(d.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(d.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        // replicas on different nodes
        var antiAffinity = pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        assertThat(antiAffinity).anyMatch(t -> t.getTopologyKey().equals("kubernetes.io/hostname")
                && t.getLabelSelector().getMatchLabels().equals(d.getSpec().getSelector().getMatchLabels()));
        // the home cluster is the one it runs in, its namespace the pod's
        assertThat(pod.getAutomountServiceAccountToken()).isNotEqualTo(Boolean.FALSE);
        assertThat(container.getEnv()).anyMatch(e -> e.getName().equals("FLEET_HOME_KUBERNETES_IN_CLUSTER")
                && e.getValue().equals("true"));
        assertThat(container.getEnv()).anyMatch(e -> e.getName().equals("FLEET_HOME_NAMESPACE")
                && e.getValueFrom().getFieldRef().getFieldPath().equals("metadata.namespace"));
    }

    @Test
    void aDisruptionBudgetKeepsOneReplicaServing() throws IOException {
        List<HasMetadata> objects = load("facade.yaml");
        Deployment d = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .findFirst().orElseThrow();
        PodDisruptionBudget pdb = objects.stream().filter(PodDisruptionBudget.class::isInstance)
                .map(PodDisruptionBudget.class::cast).findFirst().orElseThrow();
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(d.getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isBetween(1, d.getSpec().getReplicas() - 1);
    }

    @Test
    void theHomeRoleAllowsClusterSecretsRolloutObjectsAndLeasesInItsNamespaceOnly() throws IOException {
        List<HasMetadata> objects = load("facade.yaml");
        Role role = objects.stream().filter(Role.class::isInstance).map(Role.class::cast).findFirst().orElseThrow();
        assertThat(role.getMetadata().getNamespace()).isEqualTo("higress-fleet");
        assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("ClusterRole", "ClusterRoleBinding");
        List<PolicyRule> rules = role.getRules();
        for (String verb : List.of("get", "list", "watch", "create", "update", "delete")) {
            assertThat(allows(rules, "", "secrets", verb)).as("secrets " + verb).isTrue();
            assertThat(allows(rules, "", "configmaps", verb)).as("configmaps " + verb).isTrue();
            assertThat(allows(rules, "coordination.k8s.io", "leases", verb)).as("leases " + verb).isTrue();
        }
        assertThat(allows(rules, "", "pods", "list")).isFalse();
        assertThat(rules).allSatisfy(r -> assertThat(r.getVerbs()).doesNotContain("patch", "*"));
        RoleBinding binding = objects.stream().filter(RoleBinding.class::isInstance).map(RoleBinding.class::cast)
                .findFirst().orElseThrow();
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).anyMatch(s -> s.getName().equals("higress-fleet")
                && "higress-fleet".equals(s.getNamespace()));
    }

    @Test
    void theTargetClusterRoleAllowsWhatTheFacadeCalls() throws IOException {
        Role role = load("target-cluster-rbac.yaml").stream().filter(Role.class::isInstance).map(Role.class::cast)
                .findFirst().orElseThrow();
        List<PolicyRule> rules = role.getRules();
        assertThat(allows(rules, "", "pods", "list")).isTrue();
        assertThat(allows(rules, "", "pods/portforward", "create")).isTrue();
        assertThat(allows(rules, "networking.k8s.io", "ingresses", "update")).isTrue();
        assertThat(allows(rules, "extensions.higress.io", "wasmplugins", "create")).isTrue();
        assertThat(allows(rules, "networking.higress.io", "mcpbridges", "delete")).isTrue();
        assertThat(allows(rules, "networking.higress.io", "http2rpcs", "create")).isTrue();
        assertThat(allows(rules, "networking.istio.io", "envoyfilters", "delete")).isTrue(); // AI route fallbacks
        // least privilege: nothing the facade does not call
        assertThat(allows(rules, "", "pods/exec", "create")).isFalse();
        // domains and TLS certificates live in ConfigMaps and Secrets of the namespace
        assertThat(allows(rules, "", "configmaps", "create")).isTrue();
        assertThat(allows(rules, "", "secrets", "update")).isTrue();
        assertThat(allows(rules, "", "services", "get")).isFalse();
        assertThat(allows(rules, "", "serviceaccounts", "create")).isFalse();
        assertThat(allows(rules, "coordination.k8s.io", "leases", "create")).isFalse();
        assertThat(allows(rules, "", "pods", "watch")).isTrue(); // discovery by watch
        assertThat(rules).allSatisfy(r -> assertThat(r.getVerbs()).doesNotContain("patch", "*"));
        assertThat(rules).filteredOn(r -> r.getVerbs().contains("watch"))
                .allSatisfy(r -> assertThat(r.getResources()).containsExactly("pods"));
    }

    /** MCP servers' upstream Services live in any namespace: a ClusterRole lists them, and does nothing else. */
    @Test
    void theTargetClusterRoleListsServicesInEveryNamespaceOnly() throws IOException {
        List<ClusterRole> roles = load("target-cluster-rbac.yaml").stream().filter(ClusterRole.class::isInstance)
                .map(ClusterRole.class::cast).toList();
        assertThat(roles).singleElement().satisfies(r -> {
            assertThat(allows(r.getRules(), "", "services", "list")).isTrue();
            assertThat(r.getRules()).allSatisfy(rule -> {
                assertThat(rule.getResources()).containsExactly("services");
                assertThat(rule.getVerbs()).containsExactly("list");
            });
        });
        assertThat(load("target-cluster-rbac.yaml")).anySatisfy(o -> assertThat(o)
                .isInstanceOfSatisfying(ClusterRoleBinding.class, b -> assertThat(b.getRoleRef().getName())
                        .isEqualTo(roles.get(0).getMetadata().getName())));
    }

    @Test
    void theTargetClusterRoleAllowsEveryRegisteredKindsType() throws IOException {
        List<PolicyRule> rules = load("target-cluster-rbac.yaml").stream().filter(Role.class::isInstance)
                .map(Role.class::cast).findFirst().orElseThrow().getRules();
        assertThat(allows(rules, "gateway.networking.k8s.io", "httproutes", "update")).isTrue();
        for (KubernetesType t : Kinds.types()) {
            String group = t.apiVersion().contains("/") ? t.apiVersion().substring(0, t.apiVersion().indexOf('/')) : "";
            for (String verb : List.of("get", "list", "create", "update", "delete")) {
                assertThat(allows(rules, group, t.plural(), verb)).as(t.kind() + " " + verb).isTrue();
            }
        }
    }

    private static boolean allows(List<PolicyRule> rules, String group, String resource, String verb) {
        return rules.stream().anyMatch(r -> r.getApiGroups().contains(group) && r.getResources().contains(resource)
                && r.getVerbs().contains(verb));
    }
}
