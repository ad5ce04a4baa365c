package com.headlessanalytics.console.ui.funnels;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.CsvExport;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.EntityNavigator;
import com.headlessanalytics.console.ui.common.EventNameSuggestions;
import com.headlessanalytics.console.ui.common.Navigator;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Funnels screen, composed of three parts: the {@link FunnelBuilder} (steps, mode, window,
 * range, breakdown; the run and its figures), the {@link FunnelActorPager} (who reached or dropped
 * at a step, paged, exported, opened on the Events screen) and the {@link FunnelLibrary} (funnels
 * saved by name in a {@link SavedFunnelStore}). The event fields suggest the stored event names.
 */
public final class FunnelsViewModel implements Activatable {
    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final QueryLifecycle query;
    private final EventNameSuggestions names = new EventNameSuggestions();
    private final FunnelBuilder builder;
    private final FunnelActorPager pager;
    private final FunnelLibrary library;

    public FunnelsViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, DialogService dialogs, Navigator navigator,
                            SavedFunnelStore store, Clock clock, ZoneId zone) {
        this.api = api;
        this.tasks = tasks;
        this.query = new QueryLifecycle(tasks);
        CsvExport csv = new CsvExport(tasks, dialogs, clock, zone);
        builder = new FunnelBuilder(api, query, csv, clock, zone);
        pager = new FunnelActorPager(api, tasks, dialogs, navigator, csv, zone, builder.shownProperty());
        library = new FunnelLibrary(tasks, dialogs, store, query, builder::toSaved, f -> {
            builder.load(f);
            builder.run();
        });
    }

    @Override
    public void activate() {
        names.load(api, tasks, query::fail);
        library.load();
        if (builder.isBlank()) {
            query.status("Add the steps' events and run the funnel.");
        } else {
            builder.run();
        }
    }

    /** Lets the actor list open the Entities screen on an actor. */
    public void onOpenEntity(EntityNavigator navigator) {
        pager.onOpenEntity(navigator);
    }

    /** Stops waiting for the running funnel; the figures shown stay. */
    @Override
    public void deactivate() {
        query.cancel();
    }

    /** The funnel's run: what the screen's header and error banner show. */
    public QueryLifecycle query() {
        return query;
    }

    public FunnelBuilder builder() {
        return builder;
    }

    public FunnelActorPager pager() {
        return pager;
    }

    public FunnelLibrary library() {
        return library;
    }

    /** Up to {@code max} stored event names for a step's event field. */
    public List<String> suggestions(String text, int max) {
        return names.suggest(text, max);
    }
}
