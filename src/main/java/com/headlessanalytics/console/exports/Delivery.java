package com.headlessanalytics.console.exports;

import com.headlessanalytics.console.api.Exports;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an export's staged files go. Every export is first written to its own folder
 * (the staging copy, kept so that a failed delivery can be retried with the very same bytes);
 * a delivery then leaves them there (warehouse load files), uploads them (S3, GCS) or posts their
 * events in batches (custom HTTPS).
 */
public interface Delivery {

    /**
     * Delivers {@code staged}; answers where each file went. Throws {@link DeliveryException} when the
     * destination cannot be reached or refuses; it then removes what it had uploaded where the
     * destination allows it (docs/exports.md says what is guaranteed per destination).
     */
    List<Exports.File> deliver(Staged staged) throws DeliveryException;

    /**
     * An export's staged files. {@code idempotencyRoot} is the id of the first export of a retry chain,
     * so that a retry re-sends under the same idempotency keys and the receiver stores nothing twice.
     * {@code config} is the request's config, secrets included (never stored).
     */
    record Staged(String exportId, String idempotencyRoot, Path folder, List<Exports.File> files,
                  Map<String, Object> config) {
        public Staged {
            files = List.copyOf(files);
            config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
        }

        /** The staged file {@code name}, in {@link #folder()}. */
        public Path path(String name) {
            return folder.resolve(name);
        }
    }

    /** The destination could not be reached, or refused: the message says which, and never holds a secret. */
    final class DeliveryException extends Exception {
        public DeliveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
