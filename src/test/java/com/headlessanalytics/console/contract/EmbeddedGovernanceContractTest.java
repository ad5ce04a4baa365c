package com.headlessanalytics.console.contract;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.engine.Engine;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The governance contract against the embedded engine, each principal an API key id. */
class EmbeddedGovernanceContractTest extends GovernanceContract {
    @TempDir
    Path dir;
    private Engine engine;
    private final Map<String, String> principals = new HashMap<>();

    @BeforeEach
    void open() {
        engine = Engine.open(dir);
        for (String who : new String[] {AGENT, ALICE, BOB}) {
            principals.put(who, engine.keys().create(engine.defaultWorkspaceId(), who).info().id());
        }
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Override
    HeadlessApi as(String who) {
        return engine.workspace(engine.defaultWorkspaceId(), principals.get(who));
    }

    @Override
    String principalOf(String who) {
        return principals.get(who);
    }
}
