package com.headlessanalytics.console.exports;

import com.headlessanalytics.console.api.Exports;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Warehouse load files left where they were staged: each file's location is its absolute path. */
public final class LocalDelivery implements Delivery {

    @Override
    public List<Exports.File> deliver(Staged staged) throws DeliveryException {
        List<Exports.File> out = new ArrayList<>(staged.files().size());
        for (Exports.File f : staged.files()) {
            if (!Files.isRegularFile(staged.path(f.name()))) {
                throw new DeliveryException("The staged file " + f.name() + " of export " + staged.exportId()
                        + " is missing from " + staged.folder() + ".", null);
            }
            out.add(new Exports.File(f.name(), staged.path(f.name()).toAbsolutePath().toString(), f.bytes(),
                    f.sha256(), f.contentType()));
        }
        return out;
    }
}
