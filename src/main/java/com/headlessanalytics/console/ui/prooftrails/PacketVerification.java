package com.headlessanalytics.console.ui.prooftrails;

import java.nio.file.Path;
import java.util.List;

/**
 * Checks a {@code .haproof} packet on this computer, trusting nothing in it but the mathematics
 * (PRODUCT.md §5): the composition root wires the proof layer's verifier here, so the screen
 * verifies packets from any source, embedded or remote alike, without going through the port.
 */
@FunctionalInterface
public interface PacketVerification {

    /** The three answers of a verifier (as {@code verify PACKET}'s exit codes 0, 1 and 2). */
    enum Outcome { VALID, INVALID, INDETERMINATE }

    /**
     * What the verifier found.
     *
     * @param reason   why: the first problem, or for VALID what was checked
     * @param problems every problem found (empty when valid)
     * @param signer   the key id (SHA-256 fingerprint of the public key) the manifest was checked
     *                 with, or null when none could be read
     * @param keyNote  what the key proves, when it is the packet's own (null otherwise)
     */
    record Verdict(Outcome outcome, String reason, List<String> problems, String signer, String keyNote) {
        public Verdict {
            problems = problems == null ? List.of() : List.copyOf(problems);
        }
    }

    /** Verifies the packet file; never trusts it, and reads nothing but it. */
    Verdict verify(Path packet) throws Exception;
}
