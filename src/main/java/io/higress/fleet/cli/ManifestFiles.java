package io.higress.fleet.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code -f FILE} (repeatable; {@code -} for standard input; a directory for its {@code .yaml}, {@code .yml} and
 * {@code .json} files in name order): the manifests' text, read before any call.
 */
final class ManifestFiles {
    private ManifestFiles() {
    }

    /** The files as one multi-document YAML (JSON is YAML too), or a usage error naming the file. */
    static String read(List<String> files, Terminal terminal) {
        if (files == null || files.isEmpty()) {
            throw CliFailure.usage("no manifests: give -f FILE (or -f - for standard input)");
        }
        List<String> documents = new ArrayList<>();
        for (String file : expand(files)) {
            String text = readOne(file, terminal);
            if (text.isBlank()) {
                throw CliFailure.usage(name(file) + ": empty");
            }
            documents.add(text.strip());
        }
        return String.join("\n---\n", documents) + "\n";
    }

    /** One JSON document (object or list) goes as JSON; anything else as YAML. */
    static String contentType(String text) {
        String t = text.strip();
        boolean json = (t.startsWith("{") || t.startsWith("[")) && !t.contains("\n---");
        return json ? FleetClient.JSON : "application/yaml";
    }

    private static List<String> expand(List<String> files) {
        List<String> all = new ArrayList<>();
        for (String file : files) {
            Path path = Path.of(file);
            if (file.equals("-") || !Files.isDirectory(path)) {
                all.add(file);
                continue;
            }
            try (Stream<Path> entries = Files.list(path)) {
                List<String> manifests = entries.filter(Files::isRegularFile).map(Path::toString)
                        .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json")).sorted().toList();
                if (manifests.isEmpty()) {
                    throw CliFailure.usage(file + ": no .yaml, .yml or .json file in this directory");
                }
                all.addAll(manifests);
            } catch (IOException e) {
                throw CliFailure.usage(file + ": cannot list: " + e.getMessage());
            }
        }
        return all;
    }

    private static String readOne(String file, Terminal terminal) {
        try {
            if (file.equals("-")) {
                return new String(terminal.in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CliFailure.usage(file + ": no such file");
        } catch (IOException e) {
            throw CliFailure.usage(name(file) + ": cannot read: " + e.getMessage());
        }
    }

    private static String name(String file) {
        return file.equals("-") ? "standard input" : file;
    }
}
