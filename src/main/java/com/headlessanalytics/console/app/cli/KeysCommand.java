package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.ApiKeyInfo;
import com.headlessanalytics.console.api.NewApiKey;
import com.headlessanalytics.console.app.DataFolders;
import com.headlessanalytics.console.engine.Engine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keys create|list|revoke}: API keys of the embedded workspace. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list and revoke API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand {

    static class Folder {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (default: the per-user data folder).")
        Path dataDir;

        Engine open() {
            return Engine.open(dataDir != null ? dataDir : DataFolders.defaultFolder());
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key. It is shown once, as the last line; only its hash is stored.")
    static final class Create implements Runnable {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        Folder folder;
        @Option(names = "--name", defaultValue = "API key", description = "A name to recognise the key by.")
        String name;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Engine engine = folder.open()) {
                NewApiKey key = engine.keys().create(engine.defaultWorkspaceId(), name);
                out.println("Created API key " + key.info().id() + " (\"" + key.info().name() + "\") for workspace "
                        + key.info().workspaceId() + ".");
                out.println("Store it now: it cannot be shown again.");
                out.println(key.secret());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List API keys (never their secrets).")
    static final class ListKeys implements Runnable {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        Folder folder;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Engine engine = folder.open()) {
                out.printf("%-32s %-14s %-24s %-8s %s%n", "ID", "STARTS WITH", "CREATED", "STATE", "NAME");
                for (ApiKeyInfo k : engine.keys().list(engine.defaultWorkspaceId())) {
                    out.printf("%-32s %-14s %-24s %-8s %s%n", k.id(), k.prefix() + "…",
                            Instant.ofEpochMilli(k.createdAt()), k.active() ? "active" : "revoked", k.name());
                }
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API key at once.")
    static final class Revoke implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        Folder folder;
        @Parameters(paramLabel = "KEY_ID", description = "The key's id, as listed by 'keys list'.")
        String keyId;

        @Override
        public Integer call() {
            try (Engine engine = folder.open()) {
                if (engine.keys().revoke(keyId)) {
                    spec.commandLine().getOut().println("Revoked " + keyId + ".");
                    return 0;
                }
                spec.commandLine().getErr().println("error: no active key " + keyId);
                return HaCommand.REJECTED;
            }
        }
    }
}
