package com.headlessanalytics.console.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorProfileTest {
    @Test
    void aNameBecomesThePrincipalAndInvalidOrMissingValuesTakeTheDefaults() {
        OperatorProfile ana = new OperatorProfile("ana", new BigDecimal("250"));
        assertThat(ana.principal()).isEqualTo("operator:ana");
        assertThat(ana.threshold()).isEqualTo(new BigDecimal("250"));
        OperatorProfile fallback = new OperatorProfile("not a name", new BigDecimal("-1"));
        assertThat(fallback.name()).isEqualTo(OperatorProfile.defaultName());
        assertThat(fallback.threshold()).isEqualTo(OperatorProfile.DEFAULT_THRESHOLD);
        assertThat(OperatorProfile.nameProblem(OperatorProfile.defaultName())).as("the OS user name, cleaned").isEmpty();

        List<String> principals = new ArrayList<>();
        ana.principalProperty().addListener((obs, old, now) -> principals.add(now));
        ana.change("bob.smith@ops", new BigDecimal("0"));
        assertThat(principals).containsExactly("operator:bob.smith@ops");
        assertThat(ana.threshold()).isZero();
        assertThatThrownBy(() -> ana.change("", BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesAndThresholdsAreChecked() {
        assertThat(OperatorProfile.nameProblem("")).isEqualTo("Enter your name, e.g. ana.");
        assertThat(OperatorProfile.nameProblem("ana maria")).startsWith("Use letters, digits");
        assertThat(OperatorProfile.nameProblem("a".repeat(65))).isEqualTo("A name has at most 64 characters.");
        assertThat(OperatorProfile.nameProblem("ana_m-1.x@y")).isEmpty();
        assertThat(OperatorProfile.parseThreshold("1,500.50")).isEqualTo(new BigDecimal("1500.50"));
        assertThat(OperatorProfile.parseThreshold("-5")).isNull();
        assertThat(OperatorProfile.parseThreshold("ten")).isNull();
        assertThat(OperatorProfile.thresholdProblem("")).startsWith("Enter an amount of zero or more");
        assertThat(OperatorProfile.isOperator("operator:ana")).isTrue();
        assertThat(OperatorProfile.isOperator("key_123")).isFalse();
        assertThat(OperatorProfile.isOperator(null)).isFalse();
    }
}
