package io.higress.fleet.resources;

import io.higress.fleet.problem.RequestReader;
import io.higress.fleet.resources.plugin.PluginImages;
import io.higress.fleet.resources.plugin.PluginTranslator;
import io.higress.fleet.resources.plugin.PluginSpec;
import io.higress.fleet.resources.route.RouteTranslator;
import io.higress.fleet.resources.route.RouteSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.higress.fleet.problem.Problem;
import io.higress.fleet.resources.Planner.Action;
import io.higress.fleet.resources.Planner.Plan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** create / update / unchanged / delete per cluster, ownership and force, optimistic resourceVersion. */
class PlannerTest {
    final RouteTranslator routes = new RouteTranslator("higress-system");
    final PluginTranslator plugins = new PluginTranslator("higress-system", PluginImages.defaults());

    Ingress route() {
        return routes.toIngress(RequestReader.read(ValidationTest.ROUTE, RouteSpec.class));
    }

    /** The planner over a raw object's Kubernetes form, as manifests use it. */
    static Plan plan(String cluster, HasMetadata desired, HasMetadata current, boolean force) {
        KubernetesType type = type(desired.getKind());
        Copy<Manifest> copy = copyOf(type, current, desired);
        return Planner.apply(cluster, copy, KubernetesObjectForm.raw(type).parts(
                new Manifest((ObjectNode) Json.tree(desired)), desired.getMetadata().getNamespace(), copy), force);
    }

    static Plan delete(String cluster, HasMetadata current, boolean force) {
        KubernetesType type = type("Ingress");
        ObjectRef ref = new ObjectRef("Ingress", "higress-system", "example-route");
        return Planner.delete(cluster, ref, current == null ? Copy.absent(ref.namespace(), ref.name(), List.of())
                : copyOf(type, current, null), force);
    }

    static KubernetesType type(String kind) {
        return Kinds.types().stream().filter(t -> t.kind().equals(kind)).findFirst().orElseThrow();
    }

    static Copy<Manifest> copyOf(KubernetesType type, HasMetadata current, HasMetadata desired) {
        if (current == null) {
            return Copy.absent(desired.getMetadata().getNamespace(), desired.getMetadata().getName(), List.of());
        }
        String rv = current.getMetadata().getResourceVersion();
        StoredObject o = new StoredObject(type.address(current.getMetadata().getNamespace(),
                current.getMetadata().getName()), (ObjectNode) Json.tree(current), rv);
        return new Copy<>(o.address().namespace(), o.address().name(), new Manifest(o.body()), List.of(o), List.of(),
                Ownership.isManaged(current), rv);
    }

    /** The object a plan sends (null: nothing). */
    static GenericKubernetesResource object(Plan plan) {
        return plan.ops().isEmpty() ? null
                : Json.MAPPER.convertValue(plan.ops().get(0).body(), GenericKubernetesResource.class);
    }

    /** What the API server hands back: the object plus server metadata, numbers possibly as longs. */
    static GenericKubernetesResource live(HasMetadata written, String resourceVersion) throws Exception {
        String json = new JsonMapper().writeValueAsString(written);
        GenericKubernetesResource o = new JsonMapper().readValue(json, GenericKubernetesResource.class);
        o.getMetadata().setResourceVersion(resourceVersion);
        o.getMetadata().setUid("uid-1");
        o.getMetadata().setCreationTimestamp("2025-01-01T00:00:00Z");
        o.getMetadata().setGeneration(3L);
        o.setAdditionalProperty("status", Map.of("observed", 1));
        return o;
    }

    @Test
    void absentObjectIsCreatedWithOwnershipLabelAndNoResourceVersion() {
        Plan plan = plan("dev", route(), null, false);
        assertThat(plan.action()).isEqualTo(Action.CREATE);
        assertThat(object(plan).getMetadata().getResourceVersion()).isNull();
        assertThat(object(plan).getMetadata().getLabels()).containsEntry(Ownership.LABEL, Ownership.VALUE);
        assertThat(Json.tree(object(plan)).get("spec")).isEqualTo(Json.tree(route()).get("spec"));
        assertThat(plan.changes()).extracting(FieldChange::path)
                .containsExactlyInAnyOrder("/spec", "/metadata/labels/app.kubernetes.io~1managed-by");
        assertThat(Json.MAPPER.valueToTree(plan).get("action").asText()).isEqualTo("create");
    }

    @Test
    void identicalCopyIsUnchangedDespiteServerMetadataAndNumberTypes() throws Exception {
        Plan plan = plan("dev", route(), live(route(), "42"), false);
        assertThat(plan.action()).isEqualTo(Action.UNCHANGED);
        assertThat(plan.changes()).isEmpty();
        assertThat(object(plan)).isNull();

        GenericKubernetesResource wp = plugins.toWasmPlugin(RequestReader.read(ValidationTest.PLUGIN, PluginSpec.class));
        GenericKubernetesResource liveWp = live(wp, "7");
        ((Map<String, Object>) liveWp.getAdditionalProperties().get("spec")).put("priority", 300L);
        assertThat(plan("dev", wp, liveWp, false).action()).isEqualTo(Action.UNCHANGED);
    }

    @Test
    void changedDomainIsAnOptimisticUpdateListingTheField() throws Exception {
        GenericKubernetesResource current = live(route(), "42");
        current.getMetadata().getLabels().put("higress.io/resource-definer", "higress");
        current.getMetadata().setAnnotations(new java.util.HashMap<>(Map.of("note", "kept")));
        RouteSpec merged = SpecMerger.merge(routes.fromIngress(route()),
                Json.MAPPER.readTree("{\"domain\":[\"new-example.com\"]}"), RouteSpec.class);

        Plan plan = plan("dev", routes.toIngress(merged), current, false);

        assertThat(plan.action()).isEqualTo(Action.UPDATE);
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("/spec/rules/0/host");
            assertThat(c.from().asText()).isEqualTo("example.com");
            assertThat(c.to().asText()).isEqualTo("new-example.com");
        });
        GenericKubernetesResource out = object(plan);
        assertThat(out.getMetadata().getResourceVersion()).isEqualTo("42");
        assertThat(out.getMetadata().getUid()).isEqualTo("uid-1");
        assertThat(out.getMetadata().getLabels()).containsEntry("higress.io/resource-definer", "higress")
                .containsEntry(Ownership.LABEL, Ownership.VALUE);
        assertThat(out.getMetadata().getAnnotations()).containsEntry("note", "kept");
        assertThat(out.getAdditionalProperties()).doesNotContainKey("status");
        assertThat((Object) out.get("spec", "rules", 0, "host")).isEqualTo("new-example.com");
    }

    @Test
    void fieldsRemovedFromDesiredAreRemovedFromTheWrittenObject() throws Exception {
        GenericKubernetesResource wp = plugins.toWasmPlugin(RequestReader.read(ValidationTest.PLUGIN, PluginSpec.class));
        GenericKubernetesResource current = live(wp, "5");
        ((Map<String, Object>) current.getAdditionalProperties().get("spec")).put("sha256", "abc");
        Plan plan = plan("dev", wp, current, false);
        assertThat(plan.action()).isEqualTo(Action.UPDATE);
        assertThat(plan.changes()).extracting(FieldChange::path).containsExactly("/spec/sha256");
        assertThat(plan.changes().get(0).to()).isNull();
        assertThat((Object) object(plan).get("spec", "sha256")).isNull();
    }

    /** For a caller who may not read secrets, a secret sent equal to the stored one is still a change. */
    @Test
    void aBlindPlanNeverConfirmsAStoredSecret() throws Exception {
        GenericKubernetesResource wp = plugins.toWasmPlugin(RequestReader.read(ValidationTest.PLUGIN, PluginSpec.class));
        GenericKubernetesResource current = live(wp, "5");
        KubernetesType type = type("WasmPlugin");
        Copy<Manifest> copy = copyOf(type, current, wp);
        List<Part> parts = KubernetesObjectForm.raw(type).parts(new Manifest((ObjectNode) Json.tree(wp)),
                "higress-system", copy);
        assertThat(Planner.apply("dev", copy, parts, false).action()).as("an admin's plan compares")
                .isEqualTo(Action.UNCHANGED);

        Plan blind = Planner.apply("dev", copy, parts, new Planner.Rules(false, "api_tokens"::equals));
        assertThat(blind.action()).isEqualTo(Action.UPDATE);
        assertThat(blind.changes()).extracting(FieldChange::path)
                .containsExactly("/spec/defaultConfig/services/0/api_tokens");
        assertThat(blind.ops()).singleElement().extracting(Planner.Op::version).isEqualTo("5");

        GenericKubernetesResource guessed = plugins.toWasmPlugin(RequestReader.read(
                ValidationTest.PLUGIN.replace("sk-xxx", "sk-guess"), PluginSpec.class));
        Plan wrong = Planner.apply("dev", copy, KubernetesObjectForm.raw(type).parts(
                new Manifest((ObjectNode) Json.tree(guessed)), "higress-system", copy),
                new Planner.Rules(false, "api_tokens"::equals));
        assertThat(wrong.action()).isEqualTo(blind.action());
        assertThat(wrong.changes()).as("a wrong guess looks the same").extracting(FieldChange::path)
                .isEqualTo(blind.changes().stream().map(FieldChange::path).toList());
    }

    @Test
    void disablingAPluginIsOneFieldChange() throws Exception {
        PluginSpec p = RequestReader.read(ValidationTest.PLUGIN, PluginSpec.class);
        GenericKubernetesResource current = live(plugins.toWasmPlugin(p), "9");
        Plan plan = plan("prod", plugins.toWasmPlugin(p.withEnabled(false)), current, false);
        assertThat(plan.changes()).extracting(c -> c.path() + " " + c.from() + "->" + c.to())
                .containsExactly("/spec/defaultConfigDisable false->true");
    }

    @Test
    void unmanagedObjectIsRefusedWithoutForce() throws Exception {
        GenericKubernetesResource current = live(route(), "42");
        current.getMetadata().setLabels(Map.of("higress.io/resource-definer", "higress"));

        Problem p = Problems.thrownBy(() -> plan("prod-a", route(), current, false));
        assertThat(p.status()).isEqualTo(409);
        assertThat(p.cluster()).isEqualTo("prod-a");
        assertThat(p.detail()).contains("Ingress higress-system/example-route", "prod-a", Ownership.LABEL);
        assertThat(p.hint()).contains("force=true");
        assertThat(Problems.thrownBy(() -> delete("prod-a", current, false)).status()).isEqualTo(409);

        Plan forced = plan("prod-a", route(), current, true);
        assertThat(forced.action()).isEqualTo(Action.UPDATE);
        assertThat(forced.changes()).extracting(FieldChange::path)
                .containsExactly("/metadata/labels/app.kubernetes.io~1managed-by");
        assertThat(object(forced).getMetadata().getLabels())
                .containsEntry("higress.io/resource-definer", "higress").containsEntry(Ownership.LABEL, Ownership.VALUE);
    }

    @Test
    void deleteOfManagedObjectPlansDeleteAndAbsentIs404() throws Exception {
        GenericKubernetesResource current = live(route(), "42");
        Plan plan = delete("dev", current, false);
        assertThat(plan.action()).isEqualTo(Action.DELETE);
        assertThat(object(plan).getMetadata().getResourceVersion()).isEqualTo("42");
        Problem p = Problems.thrownBy(() -> delete("dev", null, false));
        assertThat(p.status()).isEqualTo(404);
        assertThat(p.cluster()).isEqualTo("dev");
    }

    @Test
    void manifestWithoutLabelsStillGetsTheOwnershipLabel() {
        GenericKubernetesResource m = new ManifestParser("higress-system").parse(
                "apiVersion: networking.higress.io/v1\nkind: McpBridge\nmetadata: {name: default}\nspec: {registries: []}\n").get(0);
        Plan plan = plan("dev", m, null, false);
        assertThat(object(plan).getMetadata().getLabels()).isEqualTo(Map.of(Ownership.LABEL, Ownership.VALUE));
        assertThat(m.getMetadata().getLabels()).doesNotContainKey(Ownership.LABEL);
    }

    @Test
    void differentObjectsCannotBePlannedAgainstEachOther() throws Exception {
        GenericKubernetesResource other = live(route(), "1");
        other.getMetadata().setName("another");
        assertThatThrownBy(() -> plan("dev", route(), other, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void driftBetweenClustersIgnoresServerMetadata() throws Exception {
        assertThat(ObjectDiff.differ(live(route(), "1"), live(route(), "999"))).isFalse();
        Ingress changed = route();
        changed.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getPort().setNumber(9090);
        assertThat(ObjectDiff.diff(live(route(), "1"), changed)).extracting(FieldChange::path)
                .containsExactly("/spec/rules/0/http/paths/0/backend/service/port/number");
        assertThat(ObjectDiff.diff(route(), null)).extracting(FieldChange::path)
                .containsExactlyInAnyOrder("/spec", "/metadata/labels/app.kubernetes.io~1managed-by");
    }

    /** The plan's actions as the contract spells them in answers (§5); a renamed constant must not leak out. */
    @Test
    void actionsKeepTheirContractNames() {
        assertThat(List.of(Action.values())).extracting(Action::wire).containsExactly("create", "update", "unchanged", "delete");
    }
}
