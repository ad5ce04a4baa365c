package com.headlessanalytics.console.ui.connection;

import com.headlessanalytics.console.ui.common.ConnectionProfile;
import com.headlessanalytics.console.ui.common.Connections;
import com.headlessanalytics.console.ui.common.Workspaces;
import java.util.Optional;

/** For screen tests that never switch the console's connection. */
final class NoSwitching implements Connections {
    @Override
    public Workspaces.Current use(ConnectionProfile profile, String secret) {
        throw new IllegalStateException("switching is not tested here");
    }

    @Override
    public Optional<String> profileInUse() {
        return Optional.empty();
    }
}
