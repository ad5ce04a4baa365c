package com.headlessanalytics.console.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.exports.Secrets;
import java.io.Console;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A destination's config (docs/exports.md) from the command line: {@code --config-file} first,
 * then each {@code --config key=value} over it, then each {@code --config-secret key} read from an
 * environment variable or a prompt that does not echo. A dotted key ({@code headers.X-Api-Key})
 * sets a nested field; a value that reads as a number or true/false is one (a config file keeps
 * any value a string).
 */
final class ExportConfigOptions {
    /** Where secrets are read from; tests give their own environment. */
    static UnaryOperator<String> environment = System::getenv;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "KEY=VALUE",
            description = "A config field, e.g. --config bucket=my-bucket (repeatable). Secrets given here end up in"
                    + " the shell's history: prefer --config-secret.")
    List<String> config = new ArrayList<>();

    @Option(names = "--config-file", paramLabel = "FILE.json", description = "The config as a JSON object.")
    Path configFile;

    @Option(names = "--config-secret", paramLabel = "KEY[=ENV]",
            description = {"A secret config field (repeatable), read from the environment variable ENV, by default"
                    + " HA_CONFIG_<KEY> (upper case, other characters as _), else asked for without echo.",
                "Example: --config-secret secretAccessKey reads HA_CONFIG_SECRETACCESSKEY."})
    List<String> secrets = new ArrayList<>();

    /** The config, or null when no option gave one. */
    Map<String, Object> config() {
        if (configFile == null && config.isEmpty() && secrets.isEmpty()) {
            return null;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        if (configFile != null) {
            result.putAll(readFile());
        }
        for (String pair : config) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "--config takes KEY=VALUE, got '" + pair + "'");
            }
            String key = pair.substring(0, eq);
            if (Secrets.isSecret(key.substring(key.lastIndexOf('.') + 1))) {
                spec.commandLine().getErr().println("warning: --config " + key + " is a secret and shows in the shell's"
                        + " history and the process list; --config-secret " + key + " reads it from the environment.");
            }
            put(result, key, typed(pair.substring(eq + 1)));
        }
        for (String secret : secrets) {
            int eq = secret.indexOf('=');
            String key = eq < 0 ? secret : secret.substring(0, eq);
            if (key.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--config-secret takes KEY or KEY=ENV, got '" + secret + "'");
            }
            String variable = eq < 0 ? defaultVariable(key) : secret.substring(eq + 1);
            put(result, key, secretValue(key, variable));
        }
        return result;
    }

    static String defaultVariable(String key) {
        return "HA_CONFIG_" + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private String secretValue(String key, String variable) {
        String value = environment.apply(variable);
        if (value != null && !value.isEmpty()) {
            return value;
        }
        Console console = System.console();
        if (console == null) {
            throw new ParameterException(spec.commandLine(), "--config-secret " + key + ": set the environment variable "
                    + variable + " (there is no terminal to ask on)");
        }
        char[] typed = console.readPassword("%s (not shown): ", key);
        if (typed == null || typed.length == 0) {
            throw new ParameterException(spec.commandLine(), "--config-secret " + key + ": no value given");
        }
        return new String(typed);
    }

    private Map<String, Object> readFile() {
        try {
            Map<String, Object> read = ApiJson.mapper().readValue(Files.readString(configFile), new TypeReference<>() {
            });
            if (read == null) {
                throw new ParameterException(spec.commandLine(), configFile + " holds no JSON object");
            }
            return read;
        } catch (JsonProcessingException e) {
            throw new ParameterException(spec.commandLine(), configFile + " is not a JSON object: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), configFile + " cannot be read: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private void put(Map<String, Object> config, String key, Object value) {
        String[] path = key.split("\\.", -1);
        Map<String, Object> at = config;
        for (int i = 0; i < path.length - 1; i++) {
            Object inner = at.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
            if (!(inner instanceof Map<?, ?>)) {
                throw new ParameterException(spec.commandLine(), "config field '" + path[i] + "' is not an object,"
                        + " so '" + key + "' cannot be set");
            }
            if (!(inner instanceof LinkedHashMap<?, ?>)) {
                inner = new LinkedHashMap<>((Map<String, Object>) inner);
                at.put(path[i], inner);
            }
            at = (Map<String, Object>) inner;
        }
        at.put(path[path.length - 1], value);
    }

    /** true/false as booleans, whole numbers as longs, decimals exact; anything else the text itself. */
    static Object typed(String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        if (value.matches("-?(0|[1-9][0-9]{0,17})")) {
            return Long.valueOf(value);
        }
        if (value.matches("-?(0|[1-9][0-9]*)\\.[0-9]+")) {
            return new BigDecimal(value);
        }
        return value;
    }
}
