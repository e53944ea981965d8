package io.higress.fleet.cluster;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The YAML config source keeps the last of two equal keys without a word, so a cluster defined twice in the fleet
 * file would silently lose one definition. This reads the configured fleet files once more, strictly.
 */
final class FleetFileCheck {

    private FleetFileCheck() {
    }

    static List<String> duplicateKeys(String locations) {
        List<String> errors = new ArrayList<>();
        if (locations == null) {
            return errors;
        }
        for (String location : locations.split(",")) {
            String l = location.trim().replaceFirst("^file:", "");
            Path path = Path.of(l);
            if (!(l.endsWith(".yaml") || l.endsWith(".yml")) || !Files.isRegularFile(path)) {
                continue;
            }
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                new Yaml(new SafeConstructor(options)).loadAll(reader).forEach(doc -> { });
            } catch (YAMLException e) {
                errors.add(path + ": " + e.getMessage().replace('\n', ' '));
            } catch (IOException e) {
                errors.add(path + ": cannot be read: " + e.getMessage());
            }
        }
        return errors;
    }
}
