package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Metrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code query definitions}: list, save or delete stored metric definitions. */
@Command(name = "definitions", mixinStandardHelpOptions = true,
        description = "List the stored metric definitions; with --save store (or replace, by name) one; with"
                + " --delete remove one.")
final class QueryDefinitionsCommand extends ApiQueryCommand {
    @ArgGroup(exclusive = true)
    Change change;

    static final class Change {
        @Option(names = "--save", paramLabel = "JSON",
                description = "A definition: {\"name\",\"event\",\"aggregation\":\"count|sum|unique_actors\","
                        + "\"property\",\"description\"}.")
        String save;

        @Option(names = "--save-file", paramLabel = "FILE", description = "The same, read from a file.")
        Path saveFile;

        @Option(names = "--delete", paramLabel = "NAME", description = "Delete the definition with this name.")
        String delete;
    }

    @Override
    Request request() {
        Metrics.Definition definition = null;
        if (change != null && change.save != null) {
            definition = QueryCommand.parse(change.save.getBytes(StandardCharsets.UTF_8), Metrics.Definition.class);
        } else if (change != null && change.saveFile != null) {
            definition = QueryCommand.parse(QueryCommand.readFile(change.saveFile, "--save-file"),
                    Metrics.Definition.class);
        }
        if (definition != null) {
            Metrics.Definition toSave = definition;
            return api -> api.saveMetricDefinition(toSave);
        }
        if (change != null && change.delete != null) {
            String name = change.delete;
            return api -> {
                api.deleteMetricDefinition(name);
                return Map.of("deleted", name);
            };
        }
        return HeadlessApi::metricDefinitions;
    }
}
