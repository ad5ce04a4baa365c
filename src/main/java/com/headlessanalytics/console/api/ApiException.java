package com.headlessanalytics.console.api;

import com.headlessanalytics.console.domain.FieldError;
import java.util.List;

/**
 * A failed API call, with the HTTP status and the error body of PRODUCT.md §3. Subclasses tell
 * apart what the caller must fix (4xx), what the server failed at (5xx), and no answer at all.
 */
public abstract sealed class ApiException extends RuntimeException
        permits ApiException.Client, ApiException.Server, ApiException.Unreachable {

    private final int status;
    private final String code;
    private final List<FieldError> details;

    protected ApiException(int status, String code, String message, List<FieldError> details, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.details = details == null ? List.of() : List.copyOf(details);
    }

    /** The HTTP status; 0 when no answer came. */
    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> details() {
        return details;
    }

    /** 4xx: the request must change before it can succeed (429: later). */
    public static final class Client extends ApiException {
        private final long retryAfterSeconds;

        public Client(int status, String code, String message, List<FieldError> details) {
            this(status, code, message, details, 0);
        }

        public Client(int status, String code, String message, List<FieldError> details, long retryAfterSeconds) {
            super(status, code, message, details, null);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        /** For 429: seconds to wait, else 0. */
        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** 5xx: the server could not do it; the same request may succeed later. */
    public static final class Server extends ApiException {
        public Server(int status, String code, String message, Throwable cause) {
            super(status, code, message, List.of(), cause);
        }
    }

    /** No answer: DNS, refused connection, TLS, timeout, or the connection was cut. */
    public static final class Unreachable extends ApiException {
        public Unreachable(String message, Throwable cause) {
            super(0, ErrorCodes.UNREACHABLE, message, List.of(), cause);
        }
    }

    public static Client invalid(String message, List<FieldError> details) {
        return new Client(400, ErrorCodes.INVALID_INPUT, message, details);
    }

    public static Client tooLarge(String message, List<FieldError> details) {
        return new Client(413, ErrorCodes.TOO_LARGE, message, details);
    }

    /** The server behind the port offers {@code feature} in no form; the message is its plain sentence. */
    public static Client notOffered(Capabilities.Feature feature) {
        return new Client(501, ErrorCodes.NOT_OFFERED, feature.unavailable(), List.of());
    }

    /** 502: the destination refused or could not be reached; {@code details} name the export. */
    public static Client destinationFailed(String message, List<FieldError> details) {
        return new Client(502, ErrorCodes.DESTINATION_FAILED, message, details);
    }

    public static Client notFound(String message) {
        return new Client(404, ErrorCodes.NOT_FOUND, message, List.of());
    }

    public static Client forbidden(String message) {
        return new Client(403, ErrorCodes.FORBIDDEN, message, List.of());
    }

    public static Client conflict(String message) {
        return new Client(409, ErrorCodes.CONFLICT, message, List.of());
    }
}
