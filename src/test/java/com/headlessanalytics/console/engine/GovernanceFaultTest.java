package com.headlessanalytics.console.engine;

import static com.headlessanalytics.console.engine.GovernanceFixture.ALICE;
import static com.headlessanalytics.console.engine.GovernanceFixture.action;
import static com.headlessanalytics.console.engine.GovernanceFixture.failed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Governance;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail closed: a store failure while enforce checks (injected through the engine's seam before a
 * check, or before the receipt is written) is a deny, never an allow, and releases and spends
 * nothing; when not even the deny receipt can be committed, enforce answers an error. After each
 * fault the same enforce allows, so the faults, not the fixture, made the denies.
 */
class GovernanceFaultTest {
    static final List<String> CHECKS = EngineGovernance.CHECKS;

    @TempDir
    Path dir;
    GovernanceFixture f;
    GovernanceFixture.Setup s;
    Governance.Decision d;

    @BeforeEach
    void open() {
        f = new GovernanceFixture(dir);
        s = f.setup("500", "1000", "800");
        d = f.approved(s, action("100"), "trace-fault");
    }

    @AfterEach
    void close() {
        f.close();
    }

    void failAt(String... steps) {
        List<String> failing = List.of(steps);
        f.engine.governance().beforeStep(step -> {
            if (failing.contains(step)) {
                throw new EngineException("injected store failure at " + step, new SQLException("disk I/O error"));
            }
        });
    }

    void nothingReleased() {
        assertThat(f.as(ALICE).decision(d.id()).state()).isEqualTo("approved");
        assertThat(f.as(ALICE).grants().grants().get(0).spent()).isEqualByComparingTo("0");
        assertThat(f.as(ALICE).contracts().contracts().get(0).spent()).isEqualByComparingTo("0");
    }

    void allowsOnceHealed() {
        f.engine.governance().beforeStep(null);
        assertThat(f.enforce(s, d, action("100")).outcome()).isEqualTo("allow");
        assertThat(f.as(ALICE).receipts(null, null).chain().intact()).isTrue();
    }

    @ParameterizedTest
    @FieldSource("CHECKS")
    void aStoreFailureDuringAnyCheckIsADenyThatListsEveryCheck(String check) {
        failAt(check);
        Governance.Receipt r = f.enforce(s, d, action("100"));
        assertThat(r.outcome()).isEqualTo("deny");
        assertThat(r.checks()).extracting(Governance.Check::name).containsExactlyElementsOf(CHECKS);
        int at = CHECKS.indexOf(check);
        assertThat(failed(r)).containsExactlyElementsOf(CHECKS.subList(at, CHECKS.size()));
        assertThat(r.checks().get(at).detail()).isEqualTo("error while checking: injected store failure at " + check);
        assertThat(r.checks().subList(at + 1, CHECKS.size())).allSatisfy(c -> assertThat(c.detail())
                .isEqualTo("not checked: the enforce stopped at the error in " + check));
        assertThat(f.as(ALICE).receipts(null, d.id()).receipts()).extracting(Governance.Receipt::id)
                .containsExactly(r.id());
        nothingReleased();
        allowsOnceHealed();
    }

    @Test
    void aFailureWritingTheAllowCommitsADenyReceiptInstead() {
        failAt("receipt");
        Governance.Receipt r = f.enforce(s, d, action("100"));
        assertThat(r.outcome()).isEqualTo("deny");
        assertThat(r.checks()).hasSize(CHECKS.size()).allSatisfy(c -> {
            assertThat(c.passed()).isFalse();
            assertThat(c.detail()).startsWith("not checked: the enforce failed before its receipt was committed")
                    .contains("injected store failure at receipt");
        });
        assertThat(f.as(ALICE).receipts(null, null).receipts()).extracting(Governance.Receipt::outcome)
                .containsExactly("deny");
        nothingReleased();
        allowsOnceHealed();
    }

    @Test
    void whenNoReceiptCanBeCommittedTheEnforceFailsAndAllowsNothing() {
        failAt("receipt", "fail_closed");
        assertThatThrownBy(() -> f.enforce(s, d, action("100"))).isInstanceOfSatisfying(ApiException.Server.class,
                e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.getMessage()).contains("Nothing was allowed");
                });
        assertThat(f.as(ALICE).receipts(null, null).receipts()).isEmpty();
        nothingReleased();
        allowsOnceHealed();
    }
}
