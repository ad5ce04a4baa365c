package com.headlessanalytics.console.hardware.scan;

/**
 * A scanner station's settings, kept with the console settings: the station's name (the actor
 * its scans record), the wedge timing, whether a scan sounds, and the serial port read (null for
 * none).
 */
public record StationSettings(String stationName, ScanThresholds thresholds, boolean sound, String serialPort) {
    public static final int MAX_NAME = 100;

    public StationSettings {
        if (stationName == null || stationName.isBlank()) {
            stationName = "station-1";
        }
        if (thresholds == null) {
            thresholds = ScanThresholds.DEFAULTS;
        }
        if (serialPort != null && serialPort.isBlank()) {
            serialPort = null;
        }
    }

    public static StationSettings defaults() {
        return new StationSettings(null, null, false, null);
    }
}
