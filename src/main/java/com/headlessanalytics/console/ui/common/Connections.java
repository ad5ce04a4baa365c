package com.headlessanalytics.console.ui.common;

/** Switches the whole console to the target of a profile. Blocking: run it through the {@link TaskRunner}. */
public interface Connections {

    /** Opens the profile's target in place of the current one and returns the new description. */
    Workspaces.Current use(ConnectionProfile profile, String secret) throws Exception;

    /** The id of the profile whose target is open; empty while the demo workspace is open. */
    java.util.Optional<String> profileInUse();
}
