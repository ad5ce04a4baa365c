package com.headlessanalytics.console.hardware.labels;

import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.domain.trackable.TrackableKind;
import com.headlessanalytics.console.symbols.Symbology;

/** What one label shows: the symbol of {@code payload}, and the code and name beside it. */
public record LabelItem(String code, String name, String payload, Symbology symbology) {

    /** A trackable's label: Code 128 for the barcode kind, QR for every other. */
    public static LabelItem of(Trackables.Trackable trackable) {
        Symbology symbology = trackable.parsedKind() == TrackableKind.BARCODE ? Symbology.CODE_128 : Symbology.QR;
        return new LabelItem(trackable.code(), trackable.name(), trackable.payload(), symbology);
    }
}
