package io.higress.fleet;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.higress.fleet.http.Pipeline;
import io.higress.fleet.resources.Kinds;
import io.vertx.ext.web.Route;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layering of docs/kinds.md, as rules over the compiled classes: a kind's package depends on the framework
 * ({@code io.higress.fleet.resources}) and never on another kind; the framework names no kind except in its one
 * registration place ({@link Kinds}); the upstream door ({@code io.higress.fleet.upstream}) knows neither the kinds
 * nor rollouts; the feature packages follow the request's path without a cycle.
 */
class LayeringTest {
    static final String FRAMEWORK = "io.higress.fleet.resources";
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.higress.fleet");
    }

    /** Every registered kind's package, e.g. {@code io.higress.fleet.resources.route}. */
    static List<String> kindPackages() {
        return Kinds.ALL.stream().map(k -> k.getClass().getPackageName()).toList();
    }

    @ParameterizedTest
    @MethodSource("kindPackages")
    void aKindDependsOnTheFrameworkNeverOnAnotherKind(String kind) {
        List<String> others = kindPackages().stream().filter(p -> !p.equals(kind)).toList();
        noClasses().that().resideInAPackage(kind + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others.stream().map(p -> p + "..")
                        .toArray(String[]::new))
                .because("kinds are independent: what two kinds share belongs to the framework")
                .check(classes);
    }

    @Test
    void everyKindLivesInItsOwnPackageUnderTheFramework() {
        assertThat(kindPackages()).doesNotHaveDuplicates().allSatisfy(p -> assertThat(p).startsWith(FRAMEWORK + "."));
        assertThat(Kinds.ALL).extracting(k -> k.names().plural()).doesNotHaveDuplicates();
    }

    @Test
    void theFrameworkNamesNoKindButInItsRegistry() {
        DescribedPredicate<JavaClass> inAKind = new DescribedPredicate<>("in a kind's package") {
            @Override
            public boolean test(JavaClass c) {
                return kindPackages().stream().anyMatch(p -> c.getPackageName().equals(p)
                        || c.getPackageName().startsWith(p + "."));
            }
        };
        noClasses().that().resideInAPackage(FRAMEWORK).and().doNotHaveFullyQualifiedName(Kinds.class.getName())
                .should().dependOnClassesThat(inAKind)
                .because("a kind is added by its package and one line in Kinds, nothing else")
                .check(classes);
        noClasses().that().resideOutsideOfPackage(FRAMEWORK + "..")
                .should().dependOnClassesThat(inAKind)
                .because("the rest of the facade reaches kinds only through the registry")
                .check(classes);
    }

    @Test
    void everyHandlerTakesItsPlaceFromThePipeline() {
        noClasses().that().doNotHaveFullyQualifiedName(Pipeline.class.getName())
                .should().callMethod(Route.class, "order", int.class)
                .because("the facade's handler order is declared in one place: Pipeline.X.place(route)")
                .check(classes);
    }

    @Test
    void theFeaturePackagesHaveNoCycle() {
        // cluster (definitions) -> upstream (the one door) -> discovery -> fanout -> admin / resources / rollout
        slices().matching("io.higress.fleet.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theClusterDefinitionsCallNoUpstream() {
        noClasses().that().resideInAPackage("io.higress.fleet.cluster..")
                .should().dependOnClassesThat(resideInAPackage("io.higress.fleet..")
                        .and(resideOutsideOfPackages("io.higress.fleet.cluster..", "io.higress.fleet.problem..")))
                .because("what a cluster is comes first; talking to it is upstream's, its live state discovery's")
                .check(classes);
    }

    @Test
    void theUpstreamDoorKnowsNeitherResourcesNorRollouts() {
        noClasses().that().resideInAPackage("io.higress.fleet.upstream..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK + "..", "io.higress.fleet.rollout..")
                .check(classes);
    }
}
