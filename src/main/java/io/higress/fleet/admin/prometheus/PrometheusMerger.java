package io.higress.fleet.admin.prometheus;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the Prometheus text expositions (0.0.4) of many gateways into one valid exposition, the way Prometheus
 * federation would:
 * <ul>
 * <li>every sample gets {@code cluster} and {@code gateway} labels; existing labels of those names become
 * {@code exported_cluster} / {@code exported_gateway};</li>
 * <li>each family's {@code # HELP} (first one seen) and {@code # TYPE} appear once, followed by all its samples from
 * all gateways (gateway order, then input order); histogram/summary {@code _bucket}/{@code _sum}/{@code _count}
 * samples stay with their family; families appear in order of first appearance;</li>
 * <li>{@code higress_fleet_gateway_up{cluster,gateway}} is 1 for every added and 0 for every down gateway.</li>
 * </ul>
 * Input quirks tolerated: repeated {@code # TYPE} lines, samples separated from their TYPE line or before it,
 * {@code name{}} with no labels, blank lines, other comments. Lines that cannot be parsed are dropped and reported.
 * A sample family declared with another TYPE than the one seen first (earlier gateway or earlier in the same input)
 * keeps the first type: samples of the conflicting declaration are dropped and reported ({@link #report()}).
 * A series repeated within one input keeps its first sample. Inputs without any TYPE for a family join the family
 * as it exists, or create an {@code untyped} one. Families without samples are not printed.
 * Not thread-safe: add inputs from one thread, or synchronize.
 */
public final class PrometheusMerger {

    public static final String UP_METRIC = "higress_fleet_gateway_up";
    public static final int MAX_PROBLEMS = 100;

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final List<String> gatewayLabels = new ArrayList<>();
    private final List<Boolean> gatewayUp = new ArrayList<>();
    private final Set<String> gatewayKeys = new HashSet<>();
    private final List<String> problems = new ArrayList<>();
    private int gatewaysDown;
    private int samples;
    private int dropped;

    @RegisterForReflection
    private record MergedSample(int gateway, String name, String labels, String value) {
    }

    private static final class Family {
        final String name;
        final MetricType type;
        String help;
        final List<MergedSample> samples = new ArrayList<>();

        Family(String name, MetricType type) {
            this.name = name;
            this.type = type;
        }
    }

    /** Adds one gateway's exposition; {@code cluster}/{@code gateway} must be unique. */
    public PrometheusMerger add(String cluster, String gateway, CharSequence exposition) {
        int index = register(cluster, gateway, true);
        new InputMerge(index, cluster + "/" + gateway).run(exposition);
        return this;
    }

    public PrometheusMerger add(String cluster, String gateway, Reader exposition) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        char[] buf = new char[16 * 1024];
        try {
            int n;
            while ((n = exposition.read(buf)) >= 0) {
                sb.append(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return add(cluster, gateway, sb);
    }

    /** A selected gateway whose metrics could not be read: {@code higress_fleet_gateway_up} 0, no samples. */
    public PrometheusMerger addDown(String cluster, String gateway) {
        register(cluster, gateway, false);
        gatewaysDown++;
        return this;
    }

    private int register(String cluster, String gateway, boolean up) {
        if (!gatewayKeys.add(cluster + "\u0000" + gateway)) {
            throw new IllegalArgumentException("gateway " + cluster + "/" + gateway + " added twice");
        }
        gatewayLabels.add("cluster=\"" + ExpositionLine.escape(cluster) + "\",gateway=\"" + ExpositionLine.escape(gateway) + "\"");
        gatewayUp.add(up);
        return gatewayLabels.size() - 1;
    }

    public void writeTo(Appendable out) throws IOException {
        StringBuilder sb = new StringBuilder(256 * 1024);
        sb.append("# HELP ").append(UP_METRIC).append(" 1 if the fleet read the gateway's metrics, 0 if it could not.\n");
        sb.append("# TYPE ").append(UP_METRIC).append(" gauge\n");
        for (int g = 0; g < gatewayLabels.size(); g++) {
            sb.append(UP_METRIC).append('{').append(gatewayLabels.get(g)).append("} ").append(gatewayUp.get(g) ? '1' : '0')
                    .append('\n');
        }
        for (Family family : families.values()) {
            if (family.samples.isEmpty()) {
                continue;
            }
            if (family.help != null) {
                sb.append("# HELP ").append(family.name).append(' ').append(family.help).append('\n');
            }
            sb.append("# TYPE ").append(family.name).append(' ').append(family.type.text()).append('\n');
            for (MergedSample s : family.samples) {
                sb.append(s.name()).append('{').append(gatewayLabels.get(s.gateway()));
                if (!s.labels().isEmpty()) {
                    sb.append(',').append(s.labels());
                }
                sb.append("} ").append(s.value()).append('\n');
            }
            if (sb.length() > 192 * 1024) {
                out.append(sb);
                sb.setLength(0);
            }
        }
        out.append(sb);
    }

    public String write() {
        StringBuilder sb = new StringBuilder();
        try {
            writeTo(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    public MergeReport report() {
        return new MergeReport(gatewayLabels.size(), gatewaysDown, (int) families.values().stream()
                .filter(f -> !f.samples.isEmpty()).count(), samples, dropped, List.copyOf(problems));
    }

    private void problem(String text) {
        dropped++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(text);
        }
    }

    /** Merges one parsed input: its TYPE lines are all known here, wherever they stood. */
    private final class InputMerge {
        private final int gateway;
        private final String source;
        private final ExpositionInput input;
        private final Set<String> seen = new HashSet<>();
        private final Set<String> conflicting = new HashSet<>();

        InputMerge(int gateway, String source) {
            this.gateway = gateway;
            this.source = source;
            this.input = new ExpositionInput(source, PrometheusMerger.this::problem);
        }

        void run(CharSequence text) {
            input.parse(text);
            merge();
        }

        private void merge() {
            for (int k = 0; k < input.samples.size(); k++) {
                ExpositionLine.Sample sample = input.samples.get(k);
                Family family = familyOf(sample.name());
                if (family == null) {
                    continue;
                }
                if (!family.type.accepts(family.name, sample.name())) {
                    problem(source + " line " + input.lineNumbers.get(k) + ": sample " + sample.name() + " does not fit "
                            + family.type.text() + " family " + family.name + ": dropped");
                } else if (seen.add(sample.name() + '{' + sample.labels())) {
                    family.samples.add(new MergedSample(gateway, sample.name(), sample.labels(), sample.value()));
                    samples++;
                } else {
                    problem(source + " line " + input.lineNumbers.get(k) + ": repeated series " + sample.name() + '{'
                            + sample.labels() + "}: dropped");
                }
            }
        }

        /** The family a sample belongs to, creating it if needed; null if its family's type conflicts. */
        private Family familyOf(String sampleName) {
            String name = sampleName;
            MetricType type = input.declared.get(sampleName);
            if (type == null) {
                String base = histogramBase(sampleName);
                if (base != null && (isSummaryOrHistogram(input.declared.get(base))
                        || (families.containsKey(base)
                        && isSummaryOrHistogram(families.get(base).type)))) {
                    name = base;
                    type = input.declared.get(base);
                }
            }
            if (name.equals(UP_METRIC)) {
                problem(source + ": " + UP_METRIC + " is reserved for the fleet: dropped");
                return null;
            }
            Family family = families.get(name);
            if (family == null) {
                family = new Family(name, type == null ? MetricType.UNTYPED : type);
                families.put(name, family);
            } else if (type != null && type != family.type) {
                if (conflicting.add(name)) {
                    problem(source + ": TYPE " + type.text() + " of " + name + " conflicts with "
                            + family.type.text() + " seen first: its samples are dropped");
                } else {
                    dropped++;
                }
                return null;
            }
            if (family.help == null && input.helps.containsKey(name)) {
                family.help = input.helps.get(name);
            }
            return family;
        }
    }

    private static boolean isSummaryOrHistogram(MetricType type) {
        return type == MetricType.HISTOGRAM || type == MetricType.SUMMARY;
    }

    private static String histogramBase(String sampleName) {
        for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
            if (sampleName.endsWith(suffix)) {
                return sampleName.substring(0, sampleName.length() - suffix.length());
            }
        }
        return null;
    }
}
