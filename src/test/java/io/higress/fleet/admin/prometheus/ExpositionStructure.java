package io.higress.fleet.admin.prometheus;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks a merged exposition in Java: one TYPE per family, every sample right under its family, labels present. */
final class ExpositionStructure {

    final Map<String, String> types = new HashMap<>();
    final Map<String, Integer> samplesPerFamily = new HashMap<>();
    int samples;

    static ExpositionStructure check(String exposition) {
        ExpositionStructure s = new ExpositionStructure();
        Set<String> helps = new HashSet<>();
        String family = null;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                assertThat(s.types.put(parts[2], parts[3])).as("TYPE of %s printed once", parts[2]).isNull();
                family = parts[2];
            } else if (line.startsWith("# HELP ")) {
                assertThat(helps.add(line.split(" ")[2])).as("HELP printed once: %s", line).isTrue();
            } else {
                assertThat(family).as("sample before any TYPE: %s", line).isNotNull();
                String name = line.substring(0, line.indexOf('{'));
                assertThat(name.equals(family) || name.equals(family + "_bucket") || name.equals(family + "_sum")
                        || name.equals(family + "_count")).as("%s sits under its family %s", line, family).isTrue();
                assertThat(line.substring(name.length())).as("labels of %s", line).startsWith("{cluster=\"")
                        .contains("\",gateway=\"");
                s.samplesPerFamily.merge(family, 1, Integer::sum);
                s.samples++;
            }
        }
        return s;
    }
}
