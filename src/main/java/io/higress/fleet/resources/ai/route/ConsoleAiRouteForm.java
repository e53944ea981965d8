package io.higress.fleet.resources.ai.route;

import io.higress.fleet.resources.ConsoleType;
import io.higress.fleet.resources.Copy;
import io.higress.fleet.resources.Form;
import io.higress.fleet.resources.Part;
import io.higress.fleet.resources.StoreReads;
import io.higress.fleet.resources.StoredObject;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * An AI route through the console's {@code /v1/ai/routes} (AiRoutesController): the AiRoute document with the
 * defaults the console fills in ({@link AiRouteDocument#answered}), so that the console answers what was sent and
 * an unchanged route plans {@code unchanged}; its {@code version} (the ConfigMap's) makes a concurrent writer's
 * PUT a 409. Routes carry no fleet mark: they count as the fleet's.
 */
final class ConsoleAiRouteForm implements Form<AiRouteSpec> {
    static final ConsoleType ROUTES = new ConsoleType("/v1/ai/routes", false, false);

    @Override
    public Uni<Copy<AiRouteSpec>> read(StoreReads reads, String namespace, String name, AiRouteSpec desired) {
        return reads.get(ROUTES.address(name)).map(o -> o == null ? Copy.<AiRouteSpec>absent(namespace, name,
                List.of()) : copy(o, namespace));
    }

    @Override
    public Uni<List<Copy<AiRouteSpec>>> list(StoreReads reads, String namespace) {
        return reads.list(ROUTES, null).map(all -> all.stream().map(o -> copy(o, namespace))
                .filter(Copy::exists).toList());
    }

    private static Copy<AiRouteSpec> copy(StoredObject o, String namespace) {
        AiRouteSpec spec = AiRouteDocument.spec(AiRouteDocument.answered(o.body()), namespace);
        if (spec == null) {
            return Copy.absent(namespace, o.address().name(), List.of());
        }
        return new Copy<>(namespace, o.address().name(), spec, List.of(o), List.of(), true, o.version());
    }

    @Override
    public List<Part> parts(AiRouteSpec spec, String namespace, Copy<AiRouteSpec> current) {
        StoredObject now = current.parts().isEmpty() ? null : current.parts().get(0);
        return List.of(new Part(ROUTES.address(spec.name()),
                AiRouteDocument.answered(AiRouteDocument.stored(spec, now == null ? null : now.body())), null));
    }
}
