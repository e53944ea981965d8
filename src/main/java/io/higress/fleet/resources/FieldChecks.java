package io.higress.fleet.resources;

import io.higress.fleet.cluster.Names;
import io.higress.fleet.problem.Problem.FieldError;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Shared field rules; each check appends a {@link FieldError} named by its dotted path and returns whether it passed. */
public final class FieldChecks {
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private final List<FieldError> errors;

    public FieldChecks(List<FieldError> errors) {
        this.errors = errors;
    }

    public boolean fail(String field, String message) {
        errors.add(new FieldError(field, message));
        return false;
    }

    public boolean required(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            return fail(field, "is required");
        }
        return true;
    }

    public boolean requiredList(String field, List<?> value) {
        return value != null && !value.isEmpty() || fail(field, "must have at least one entry");
    }

    /** Names that become metadata.name of an object. */
    public boolean subdomain(String field, String value) {
        return !required(field, value) || Names.isDns1123Subdomain(value)
                || fail(field, "must be a DNS-1123 subdomain (lower case letters, digits, '-' and '.', at most 253)");
    }

    public boolean label(String field, String value) {
        return !required(field, value) || Names.isDns1123Label(value)
                || fail(field, "must be a DNS-1123 label (lower case letters, digits and '-', at most 63)");
    }

    /** Optional namespace: only checked when given. */
    public boolean namespace(String field, String value) {
        return value == null || label(field, value);
    }

    /** An Ingress host: a DNS-1123 subdomain, optionally with a leading "*.", never an IP address. */
    public boolean hostname(String field, String value) {
        if (!required(field, value)) {
            return false;
        }
        String rest = value.startsWith("*.") ? value.substring(2) : value;
        if (!Names.isDns1123Subdomain(rest)) {
            return fail(field, "must be a host name (DNS-1123 subdomain, a leading '*.' allowed)");
        }
        return !IPV4.matcher(rest).matches() || fail(field, "must be a host name, not an IP address");
    }

    public boolean port(String field, Integer value) {
        return !required(field, value) || value >= 1 && value <= 65535 || fail(field, "must be between 1 and 65535");
    }

    public static boolean isIpv4(String s) {
        return IPV4.matcher(s).matches();
    }

    /** {@code host[:port]} where host is a DNS name or IPv4 address. */
    public boolean address(String field, String value) {
        if (!required(field, value)) {
            return false;
        }
        HostPort hp = HostPort.parse(value, 1);
        if (hp == null) {
            return fail(field, "must be host[:port] with port between 1 and 65535");
        }
        return isIpv4(hp.host()) || Names.isDns1123Subdomain(hp.host())
                || fail(field, "host must be a DNS name or an IPv4 address");
    }

    /** Reports later duplicates of a value by path, e.g. {@code domain[2]}. */
    public void unique(String field, List<String> values) {
        if (values == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null && !seen.add(values.get(i))) {
                fail(field + "[" + i + "]", "duplicate of an earlier entry");
            }
        }
    }
}
