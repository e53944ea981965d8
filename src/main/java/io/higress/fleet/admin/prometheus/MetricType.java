package io.higress.fleet.admin.prometheus;

import java.util.Locale;

/** The metric types of the Prometheus text format 0.0.4. */
public enum MetricType {
    COUNTER, GAUGE, HISTOGRAM, SUMMARY, UNTYPED;

    /** Null for anything else (OpenMetrics' {@code info}, {@code stateset}, typos): such samples become untyped. */
    static MetricType parse(String text) {
        return switch (text) {
            case "counter" -> COUNTER;
            case "gauge" -> GAUGE;
            case "histogram" -> HISTOGRAM;
            case "summary" -> SUMMARY;
            case "untyped" -> UNTYPED;
            default -> null;
        };
    }

    String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a sample called {@code sampleName} belongs to a family of this type called {@code family}. */
    boolean accepts(String family, String sampleName) {
        if (sampleName.equals(family)) {
            return this != HISTOGRAM;
        }
        if (this != HISTOGRAM && this != SUMMARY) {
            return false;
        }
        if (!sampleName.startsWith(family)) {
            return false;
        }
        String suffix = sampleName.substring(family.length());
        return suffix.equals("_sum") || suffix.equals("_count") || (this == HISTOGRAM && suffix.equals("_bucket"));
    }
}
