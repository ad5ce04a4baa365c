package com.headlessanalytics.console.ui.common;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Who the operator is in the console: a name, whose principal {@code operator:<name>} an embedded
 * workspace records as the proposer and approver of decisions, and the amount above which
 * approving asks the operator to type the amount. Kept in the console settings; Settings changes it.
 */
public final class OperatorProfile {
    public static final String PREFIX = "operator:";
    public static final BigDecimal DEFAULT_THRESHOLD = new BigDecimal("1000");
    public static final int MAX_NAME = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1," + MAX_NAME + "}");

    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<BigDecimal> threshold = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper principal = new ReadOnlyStringWrapper();

    /** A profile with {@code name} and {@code threshold}; a missing or invalid one takes its default. */
    public OperatorProfile(String name, BigDecimal threshold) {
        this.principal.bind(Bindings.concat(PREFIX, this.name));
        this.name.set(name != null && nameProblem(name).isEmpty() ? name : defaultName());
        this.threshold.set(threshold != null && threshold.signum() >= 0 ? threshold : DEFAULT_THRESHOLD);
    }

    /** The operating system's user name, in the characters a name may hold ("local" when there is none). */
    public static String defaultName() {
        String user = System.getProperty("user.name", "");
        String cleaned = user.strip().replaceAll("[^A-Za-z0-9._@-]", "-");
        if (cleaned.length() > MAX_NAME) {
            cleaned = cleaned.substring(0, MAX_NAME);
        }
        return cleaned.isEmpty() || cleaned.chars().allMatch(c -> c == '-') ? "local" : cleaned;
    }

    /** What is wrong with {@code name} as an operator name, or "" when it is fine. */
    public static String nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return "Enter your name, e.g. ana.";
        }
        if (name.length() > MAX_NAME) {
            return "A name has at most " + MAX_NAME + " characters.";
        }
        return NAME.matcher(name).matches() ? ""
                : "Use letters, digits and . _ @ - only (no spaces): the name becomes the principal operator:<name>.";
    }

    /** The threshold {@code text} means, or null when it is not an amount of zero or more. */
    public static BigDecimal parseThreshold(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text.strip().replace(",", ""));
            return value.signum() < 0 ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** What is wrong with {@code text} as a threshold, or "" when it is fine. */
    public static String thresholdProblem(String text) {
        return parseThreshold(text) != null ? ""
                : "Enter an amount of zero or more, e.g. 1000 (0 asks to type every amount).";
    }

    /** Changes the name and threshold; both must be valid. */
    public void change(String newName, BigDecimal newThreshold) {
        String problem = nameProblem(newName);
        if (!problem.isEmpty() || newThreshold == null || newThreshold.signum() < 0) {
            throw new IllegalArgumentException(problem.isEmpty() ? "invalid threshold" : problem);
        }
        threshold.set(newThreshold);
        name.set(newName);
    }

    public String name() {
        return name.get();
    }

    public BigDecimal threshold() {
        return threshold.get();
    }

    /** {@code operator:<name>}. */
    public String principal() {
        return principal.get();
    }

    /** Whether {@code principal} is an operator's (a person in a console) rather than an API key's or an agent's. */
    public static boolean isOperator(String principal) {
        return principal != null && principal.toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<BigDecimal> thresholdProperty() {
        return threshold.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty principalProperty() {
        return principal.getReadOnlyProperty();
    }
}
