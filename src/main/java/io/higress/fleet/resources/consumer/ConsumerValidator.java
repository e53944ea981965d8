package io.higress.fleet.resources.consumer;

import io.higress.fleet.problem.Problem.FieldError;
import io.higress.fleet.resources.FieldChecks;
import io.higress.fleet.resources.consumer.ConsumerSpec.Credential;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a (merged) consumer before any cluster is called: what Consumer.validate and KeyAuthCredential.validate
 * refuse, plus what the console would take silently and drop (a credential of a type it has no handler for, a second
 * key-auth credential: only the first is saved) or refuse later (a value given twice).
 */
final class ConsumerValidator {

    List<FieldError> validate(ConsumerSpec c) {
        List<FieldError> errors = new ArrayList<>();
        FieldChecks f = new FieldChecks(errors);
        f.subdomain("name", c.name());
        f.namespace("namespace", c.namespace());
        if (!f.requiredList("credentials", c.credentials())) {
            return errors;
        }
        boolean keyAuth = false;
        for (int i = 0; i < c.credentials().size(); i++) {
            String at = "credentials[" + i + "]";
            Credential k = c.credentials().get(i);
            if (k == null) {
                f.fail(at, "is required");
                continue;
            }
            if (!f.required(at + ".type", k.type())) {
                continue;
            }
            if (!KeyAuthCredentials.TYPE.equals(k.type())) {
                f.fail(at + ".type", "unknown credential type '" + k.type() + "': the console supports "
                        + KeyAuthCredentials.TYPE);
                continue;
            }
            if (keyAuth) {
                f.fail(at + ".type", "a consumer has one key-auth credential (give it several values)");
                continue;
            }
            keyAuth = true;
            if (f.required(at + ".source", k.source()) && !KeyAuthCredentials.SOURCES.contains(k.source())) {
                f.fail(at + ".source", "must be one of " + String.join(", ", KeyAuthCredentials.SOURCES));
            }
            if (("HEADER".equals(k.source()) || "QUERY".equals(k.source()))) {
                f.required(at + ".key", k.key());
            } else if ("BEARER".equals(k.source()) && k.key() != null) {
                // the console drops it (the key is Authorization): kept, it would dodge the shared-value check
                f.fail(at + ".key", "a BEARER credential has no key: it is read from 'Authorization: Bearer <value>'");
            }
            if (f.requiredList(at + ".values", k.values())) {
                for (int j = 0; j < k.values().size(); j++) {
                    f.required(at + ".values[" + j + "]", k.values().get(j));
                }
                f.unique(at + ".values", k.values());
            }
        }
        return errors;
    }
}
