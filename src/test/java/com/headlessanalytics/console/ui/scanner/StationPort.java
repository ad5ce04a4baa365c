package com.headlessanalytics.console.ui.scanner;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Trackables;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The station's port in tests: every call goes to a real port (an engine's, or the remote client
 * over loopback); {@link #down} makes every call fail as unreachable, and {@link #loseReplies}
 * stores an ingest and then fails it as unreachable (the answer lost on the way).
 */
final class StationPort {
    final HeadlessApi real;
    final List<List<Map<String, Object>>> ingests = new CopyOnWriteArrayList<>();
    volatile boolean down;
    volatile boolean loseReplies;

    StationPort(HeadlessApi real) {
        this.real = real;
    }

    /** Creates a trackable through the real port; returns its code. */
    String add(String kind, String name) {
        return real.createTrackable(new Trackables.NewTrackable(kind, name, null, null, false)).code();
    }

    HeadlessApi api() {
        return (HeadlessApi) Proxy.newProxyInstance(HeadlessApi.class.getClassLoader(), new Class<?>[] {HeadlessApi.class},
                (proxy, method, args) -> {
                    if (down) {
                        throw new ApiException.Unreachable("Connection refused (test)", null);
                    }
                    switch (method.getName()) {
                        case "ingest" -> {
                            @SuppressWarnings("unchecked")
                            List<Map<String, Object>> events = (List<Map<String, Object>>) args[0];
                            ingests.add(List.copyOf(events));
                            Object stored = call(method, args);
                            if (loseReplies) {
                                throw new ApiException.Unreachable("The connection was cut (test)", null);
                            }
                            return stored;
                        }
                        default -> {
                            return call(method, args);
                        }
                    }
                });
    }

    private Object call(java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
