package com.headlessanalytics.console.ui;

import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.common.TestDialogs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an interaction test of an analytics screen starts from: a real engine on a temporary
 * folder (the subclass's own {@code @BeforeEach} fills it), the app's task runner, the shared
 * dialog double, and the drill-downs the screen asked for.
 */
public abstract class EngineScreenTest {
    @TempDir
    protected Path dir;
    protected Engine engine;
    protected FxTaskRunner tasks;
    protected final TestDialogs dialogs = new TestDialogs();
    protected final List<EventQuery> drilled = new CopyOnWriteArrayList<>();

    /** An event of {@code actor}, with a touchpoint source and a revenue when given. */
    protected static Map<String, Object> event(String actor, String name, long ts, String source, Object revenue) {
        Map<String, Object> m = new HashMap<>();
        m.put("event", name);
        m.put("actor", actor);
        m.put("timestamp", ts);
        if (source != null) {
            m.put("attribution", Map.of("source", source));
        }
        if (revenue != null) {
            m.put("properties", Map.of("revenue", revenue));
        }
        return m;
    }

    @BeforeEach
    void openEngineAndTasks() {
        engine = Engine.open(dir.resolve("data"));
        tasks = new FxTaskRunner(Platform::runLater);
    }

    @AfterEach
    void closeTasksAndEngine() {
        tasks.close();
        engine.close();
    }
}
