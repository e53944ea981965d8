package io.higress.fleet.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.higress.fleet.resources.Kind;
import io.higress.fleet.resources.Kinds;
import io.higress.fleet.problem.RequestReader;
import io.higress.fleet.resources.Spec;
import io.higress.fleet.problem.Validation;
import io.higress.fleet.rollout.RolloutRequest;

class RequestBodiesFuzzTest {

    /** Every body the REST layer reads: parsed, bound strictly, validated, or a 400 naming the field. */
    @FuzzTest(maxDuration = "5s")
    void bodiesBindAndValidateOrAre400(FuzzedDataProvider data) {
        int pick = data.consumeInt(0, Kinds.ALL.size());
        String body = data.consumeRemainingAsString();
        Refusals.only400(() -> {
            JsonNode tree = RequestReader.tree(body);
            if (pick == Kinds.ALL.size()) {
                RequestReader.bind(tree, RolloutRequest.class);
            } else {
                check(tree, Kinds.ALL.get(pick));
            }
        });
    }

    private static <S extends Spec> void check(JsonNode tree, Kind<S> kind) {
        RequestReader.bind(tree, kind.specClass()).validated(spec -> {
            Validation.throwIfAny(kind.validate(spec));
            return spec;
        });
    }
}
