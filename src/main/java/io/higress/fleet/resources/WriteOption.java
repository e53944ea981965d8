package io.higress.fleet.resources;

/**
 * A field of a kind's body that a POST or PUT may also give as a query parameter ({@link Kind#writeOptions}, the
 * parameters of {@link BodyWriteParams}): both given, they must agree.
 */
public enum WriteOption {
    /** Routes: {@code ingress} or {@code gateway}. */
    API(BodyWriteParams.API);

    private final String parameter;

    WriteOption(String parameter) {
        this.parameter = parameter;
    }

    /** The query parameter's name, which is the body field's. */
    public String parameter() {
        return parameter;
    }

    /** The value the query gives, or null. */
    String given(BodyWriteParams params) {
        return switch (this) {
            case API -> params.api;
        };
    }

    /** Whether {@code name} is the query parameter of one of {@code options}. */
    public static boolean named(java.util.Set<WriteOption> options, String name) {
        return options.stream().anyMatch(o -> o.parameter.equals(name));
    }
}
