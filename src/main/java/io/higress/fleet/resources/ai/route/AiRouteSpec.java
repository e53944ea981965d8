package io.higress.fleet.resources.ai.route;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.higress.fleet.resources.Spec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * An AI route, the Higress Console's AiRoute: {@code domains} (none: every domain), {@code pathPredicate} (a prefix,
 * {@code /} by default), {@code headerPredicates} and {@code urlParamPredicates} ({@code EQUAL|PRE|REGULAR}),
 * {@code upstreams} (LLM providers by name, weights summing to 100, a model mapping each), {@code modelPredicates}
 * ({@code EQUAL|PRE} on the request's model), {@code authConfig} (the key-auth allow list of the route) and
 * {@code fallbackConfig} (providers to retry on {@code 4xx}/{@code 5xx}, {@code RAND} or {@code SEQ}).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AiRouteSpec(
        String name,
        List<String> domains,
        Predicate pathPredicate,
        List<KeyedPredicate> headerPredicates,
        List<KeyedPredicate> urlParamPredicates,
        List<AiUpstream> upstreams,
        List<Predicate> modelPredicates,
        AuthConfig authConfig,
        FallbackConfig fallbackConfig,
        String namespace) implements Spec {

    /** The console's RoutePredicate: {@code matchType} EQUAL, PRE or REGULAR. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Predicate(String matchType, String matchValue, Boolean caseSensitive) {
    }

    /** The console's KeyedRoutePredicate: a header or URL parameter {@code key}. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyedPredicate(String key, String matchType, String matchValue, Boolean caseSensitive) {
    }

    /** A provider the route sends to, its share in percent and the model names to rewrite. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AiUpstream(String provider, Integer weight, Map<String, String> modelMapping) {
    }

    /** Who may call the route: consumers of the credential types (key-auth). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuthConfig(Boolean enabled, List<String> allowedCredentialTypes, List<String> allowedConsumers) {
    }

    /** Providers to retry on the response codes ({@code 4xx}, {@code 5xx}); {@code RAND} (default) or {@code SEQ}. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FallbackConfig(Boolean enabled, List<AiUpstream> upstreams, String fallbackStrategy,
            List<String> responseCodes) {
    }
}
