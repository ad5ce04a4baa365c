package com.headlessanalytics.console.ui.grants;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.domain.FieldError;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The rules the contract and grant forms check as the user types, and how a form turns what was
 * typed into the API's values: lists typed comma-separated, amounts as exact decimals, days as
 * the millisecond bounds of a validity window. The API checks again and its 400 field errors are
 * shown at the fields ({@link #showServerErrors}).
 */
final class FormRules {
    /** The longest name, surface, action, grantee or pack accepted here. */
    static final int MAX_TEXT = 200;
    /** The most decimals an amount may have. */
    static final int MAX_SCALE = 6;

    private FormRules() {
    }

    /** "a, b c" → [a, b, c]: split at commas and white space, blanks and repeats dropped, order kept. */
    static List<String> list(String text) {
        if (text == null) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty())
                .toList()));
    }

    /** A required single-line text: a problem, or null when it is fine. */
    static String text(String value, String what) {
        if (value == null || value.isBlank()) {
            return what + " is required";
        }
        if (value.strip().length() > MAX_TEXT) {
            return what + " must be at most " + MAX_TEXT + " characters";
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return what + " must not hold control characters";
        }
        return null;
    }

    /** A required token without spaces (a surface, a grantee, an action). */
    static String token(String value, String what) {
        String problem = text(value, what);
        if (problem == null && value.strip().chars().anyMatch(Character::isWhitespace)) {
            return what + " must not hold spaces";
        }
        return problem;
    }

    /** The exact decimal typed, or null when it is not one. */
    static BigDecimal amount(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A required amount above zero with at most {@value #MAX_SCALE} decimals: a problem, or null. */
    static String amountProblem(String text, String what) {
        if (text == null || text.isBlank()) {
            return what + " is required";
        }
        BigDecimal value = amount(text);
        if (value == null) {
            return what + " must be a number, e.g. 1500 or 1500.00";
        }
        if (value.signum() <= 0) {
            return what + " must be more than 0";
        }
        if (value.stripTrailingZeros().scale() > MAX_SCALE) {
            return what + " may have at most " + MAX_SCALE + " decimals";
        }
        return null;
    }

    /** An ISO 4217 currency code such as EUR: a problem, or null. */
    static String currencyProblem(String code) {
        if (code == null || code.isBlank()) {
            return "A currency is required, e.g. EUR";
        }
        String c = code.strip();
        if (!c.matches("[A-Z]{3}")) {
            return "The currency must be a 3-letter ISO 4217 code in capitals, e.g. EUR or USD";
        }
        try {
            Currency.getInstance(c);
            return null;
        } catch (IllegalArgumentException e) {
            return c + " is not an ISO 4217 currency code";
        }
    }

    /** When a window opens: null (now) for no day or today and earlier, else the start of the day. */
    static Long from(LocalDate day, Clock clock, ZoneId zone) {
        if (day == null || !day.isAfter(LocalDate.now(clock.withZone(zone)))) {
            return null;
        }
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** When a window closes: null (no end) for no day, else the last millisecond of the day. */
    static Long to(LocalDate day, ZoneId zone) {
        return day == null ? null : day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() - 1;
    }

    /** A window's last day: not in the past, not before its first day. A problem, or null. */
    static String windowProblem(LocalDate from, LocalDate to, Clock clock, ZoneId zone) {
        if (to == null) {
            return null;
        }
        if (to.isBefore(LocalDate.now(clock.withZone(zone)))) {
            return "The last day must not be in the past";
        }
        if (from != null && to.isBefore(from)) {
            return "The last day must not be before the first";
        }
        return null;
    }

    /** Sets {@code target} to {@code problem} (or clears it); true when there was none. */
    static boolean check(ReadOnlyStringWrapper target, String problem) {
        target.set(problem == null ? "" : problem);
        return problem == null;
    }

    /**
     * Adds the API's own rules ({@code checks()} of the request record) to fields that show no
     * problem of the form's yet: each at the field {@code fieldOf} maps its path to, else under the
     * form ({@code rest}). True when the API's rules found nothing.
     */
    static boolean apiRules(List<FieldError> errors, Function<String, ReadOnlyStringWrapper> fieldOf,
                            ReadOnlyStringWrapper rest) {
        for (FieldError e : errors) {
            ReadOnlyStringWrapper target = e.field() == null ? null : fieldOf.apply(e.field());
            if (target == null) {
                rest.set((rest.get().isEmpty() ? "" : rest.get() + "\n") + (e.field() == null ? "" : e.field() + ": ")
                        + capitalize(e.message()));
            } else if (target.get().isEmpty()) {
                target.set(capitalize(e.message()));
            }
        }
        return errors.isEmpty();
    }

    /**
     * Shows a failed save: each field error of a 400 at the field {@code fieldOf} maps its path to
     * (the rest, and any other failure, under the form as {@code general}).
     *
     * @return what goes under the form: empty when every problem found its field
     */
    static String showServerErrors(Throwable failure, Function<String, ReadOnlyStringWrapper> fieldOf,
                                   Function<Throwable, String> general) {
        if (!(failure instanceof ApiException.Client client) || client.status() != 400 || client.details().isEmpty()) {
            return general.apply(failure);
        }
        List<String> rest = new ArrayList<>();
        for (FieldError e : client.details()) {
            ReadOnlyStringWrapper target = e.field() == null ? null : fieldOf.apply(e.field());
            String text = capitalize(e.message());
            if (target == null) {
                rest.add((e.field() == null ? "" : e.field() + ": ") + text);
            } else {
                target.set(target.get().isEmpty() ? text : target.get() + "\n" + text);
            }
        }
        if (rest.isEmpty()) {
            return "";
        }
        return (client.getMessage() == null ? "" : client.getMessage() + "\n") + String.join("\n", rest);
    }

    /** The form field an API field path belongs to: its first segment ("perActionLimit.amount" → perActionLimit). */
    static ReadOnlyStringWrapper field(String path, Map<String, ReadOnlyStringWrapper> fields) {
        String head = path.split("[.\\[]", 2)[0];
        return fields.get(head);
    }

    private static String capitalize(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
