package com.headlessanalytics.console.domain.trackable;

/** The kinds of trackable of PRODUCT.md §6; on the wire in lower case ({@code qr_code}). */
public enum TrackableKind {
    QR_CODE, BARCODE, RFID, SENSOR, ROBOT, AI_AGENT, MCP_SERVER, CLI_WORKFLOW, OTHER;

    /**
     * Whether the kind's symbol carries the bare code rather than a URL: a 1-D barcode holds an
     * identifier (a URL in Code 128 would be a hand's width), so its payload is the code.
     */
    public boolean encodesCodeOnly() {
        return this == BARCODE;
    }
}
