package com.headlessanalytics.console.ui.scanner;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.domain.trackable.TrackableCodes;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The station's port in tests: every call goes to a real port (an engine's, or the remote client
 * over loopback), except the trackable lookups, answered from a map the test fills (until the
 * trackables engine is on main); {@link #down} makes every call fail as unreachable, and
 * {@link #loseReplies} stores an ingest and then fails it as unreachable (the answer lost on the way).
 */
final class StationPort {
    final HeadlessApi real;
    final Map<String, Trackables.Trackable> trackables = new ConcurrentHashMap<>();
    final List<List<Map<String, Object>>> ingests = new CopyOnWriteArrayList<>();
    volatile boolean down;
    volatile boolean loseReplies;

    StationPort(HeadlessApi real) {
        this.real = real;
    }

    static Trackables.Trackable trackable(String code, String name) {
        return new Trackables.Trackable(code, "qr_code", name, null, Trackables.DEFAULT_EVENT, null,
                "http://127.0.0.1/t/" + code, "http://127.0.0.1/t/" + code, 1L, "test", 0, null, null, null);
    }

    StationPort add(String code, String name) {
        trackables.put(code, trackable(code, name));
        return this;
    }

    HeadlessApi api() {
        return (HeadlessApi) Proxy.newProxyInstance(HeadlessApi.class.getClassLoader(), new Class<?>[] {HeadlessApi.class},
                (proxy, method, args) -> {
                    if (down) {
                        throw new ApiException.Unreachable("Connection refused (test)", null);
                    }
                    switch (method.getName()) {
                        case "trackable" -> {
                            Trackables.Trackable t = trackables.get(String.valueOf(TrackableCodes.normalize((String) args[0])));
                            if (t == null) {
                                throw ApiException.notFound("No trackable has the code " + args[0]);
                            }
                            return t;
                        }
                        case "trackables" -> {
                            return new Trackables.TrackableList(new ArrayList<>(trackables.values()), null);
                        }
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
