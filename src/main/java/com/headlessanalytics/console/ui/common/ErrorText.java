package com.headlessanalytics.console.ui.common;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.domain.FieldError;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What a person reads about a failure: a sentence, never a stack trace (that goes in the details). */
public final class ErrorText {
    private ErrorText() {
    }

    public static String describe(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof ApiException.Unreachable u) {
            return "The API could not be reached: " + u.getMessage();
        }
        if (t instanceof ApiException api) {
            StringBuilder s = new StringBuilder(api.getMessage() == null ? api.code() : api.getMessage());
            for (FieldError d : api.details()) {
                s.append("\n• ");
                if (d.index() != null) {
                    s.append('[').append(d.index()).append("] ");
                }
                if (d.field() != null) {
                    s.append(d.field()).append(": ");
                }
                s.append(d.message());
            }
            return s.toString();
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return "Something went wrong (" + t.getClass().getSimpleName() + ").";
        }
        return message;
    }

    /** Whether {@code error} says the server offers the feature in no form: a notice, not an error. */
    public static boolean notOffered(Throwable error) {
        return unwrap(error) instanceof ApiException api && ErrorCodes.NOT_OFFERED.equals(api.code());
    }

    public static String details(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
