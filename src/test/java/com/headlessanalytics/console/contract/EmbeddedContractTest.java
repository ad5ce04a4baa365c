package com.headlessanalytics.console.contract;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.engine.Engine;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The contract against the embedded engine on a real H2 file. */
class EmbeddedContractTest extends HeadlessApiContract {
    @TempDir
    Path dir;
    private Engine engine;

    @BeforeEach
    void open() {
        engine = Engine.open(dir);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Override
    HeadlessApi api() {
        return engine.defaultWorkspace();
    }

    @Override
    String workspaceId() {
        return engine.defaultWorkspaceId();
    }

    @Override
    boolean metersCalls() {
        return false;
    }

    @Override
    void restart() {
        engine.close();
        engine = Engine.open(dir);
    }
}
