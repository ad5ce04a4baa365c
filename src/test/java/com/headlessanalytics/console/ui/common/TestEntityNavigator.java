package com.headlessanalytics.console.ui.common;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records where screens asked the Entities screen to open: "type/id", or "find TEXT". */
public final class TestEntityNavigator implements EntityNavigator {
    public final List<String> opened = new CopyOnWriteArrayList<>();

    @Override
    public void showEntity(String type, String id) {
        opened.add(type + "/" + id);
    }

    @Override
    public void findEntity(String text) {
        opened.add("find " + text);
    }
}
