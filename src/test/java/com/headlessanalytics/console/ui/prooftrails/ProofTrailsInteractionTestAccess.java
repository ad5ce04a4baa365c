package com.headlessanalytics.console.ui.prooftrails;

/** The tampering of {@link ProofTrailsInteractionTest}, for tests in other packages. */
public final class ProofTrailsInteractionTestAccess {
    private ProofTrailsInteractionTestAccess() {
    }

    /** The packet with one byte of an allow receipt in receipts.jsonl changed. */
    public static byte[] tamper(byte[] packet) {
        return ProofTrailsInteractionTest.flipOneByteOfAReceipt(packet);
    }
}
