package com.headlessanalytics.console.hardware.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading what scanners send: AIM prefixes, GS1 element strings, URLs and keyboard-layout mismatches. */
class ScanTextTest {
    static final String GS = String.valueOf(ScanText.GS);

    @Test
    void aBareCodeAndAUrlPayloadNameTheirCode() {
        assertThat(ScanText.parse("ABCD2345\r").code()).isEqualTo("ABCD2345");
        assertThat(ScanText.parse("abcd-2345").code()).isEqualTo("ABCD2345");
        assertThat(ScanText.parse("https://shop.example/p?id=7&ha_code=ABCD2345").code()).isEqualTo("ABCD2345");
        assertThat(ScanText.parse("http://127.0.0.1:8080/t/ABCD2345").code()).isEqualTo("ABCD2345");
        assertThat(ScanText.parse("hello world").hasCode()).isFalse();
    }

    @Test
    void aimPrefixesAreTakenOffAndNamed() {
        ScanText.Parsed qr = ScanText.parse("]Q1https://x.example/t/ABCD2345");
        assertThat(qr.aim()).isEqualTo("]Q1");
        assertThat(qr.symbology()).isEqualTo("QR Code");
        assertThat(qr.code()).isEqualTo("ABCD2345");
        assertThat(ScanText.parse("]C0ABCD2345").symbology()).isEqualTo("Code 128");
        assertThat(ScanText.parse("]d1ABCD2345").code()).isEqualTo("ABCD2345");
        ScanText.Parsed ean = ScanText.parse("]E04006381333931");
        assertThat(ean.symbology()).isEqualTo("EAN-13 / UPC-A");
        assertThat(ean.data()).isEqualTo("4006381333931");
        assertThat(ean.hasCode()).isFalse();
        assertThat(ScanText.parse("]X9ABCD2345").symbology()).isEqualTo("AIM ]X9");
    }

    @Test
    void gs1ElementStringsAreSplitAndTheSerialCarriesTheCode() {
        ScanText.Parsed p = ScanText.parse("]d20104012345678901" + "21ABCD2345" + GS + "10LOT7");
        assertThat(p.symbology()).isEqualTo("GS1 DataMatrix");
        assertThat(p.gs1()).containsExactly(Map.entry("01", "04012345678901"), Map.entry("21", "ABCD2345"),
                Map.entry("10", "LOT7"));
        assertThat(p.code()).isEqualTo("ABCD2345");
        ScanText.Parsed bracketed = ScanText.parse("(01)04012345678901(21)ABCD2345");
        assertThat(bracketed.gs1()).containsEntry("21", "ABCD2345");
        assertThat(bracketed.code()).isEqualTo("ABCD2345");
        ScanText.Parsed noCode = ScanText.parse("]C10104012345678901" + "17261231");
        assertThat(noCode.gs1()).containsEntry("17", "261231");
        assertThat(noCode.hasCode()).as("a GS1 label without our serial names no trackable").isFalse();
    }

    @Test
    void aUsScannerOnAGermanLayoutIsRepairedAndFlagged() {
        ScanText.Parsed p = ScanText.parse("httpsÖ--shop.example-p_ha?codeÁBCD2345");
        assertThat(p.data()).isEqualTo("https://shop.example/p?ha_code=ABCD2345");
        assertThat(p.code()).isEqualTo("ABCD2345");
        assertThat(p.warning()).contains("keyboard layout").contains("repaired");
        ScanText.Parsed link = ScanText.parse("httpÖ--127.0.0.1Ö8080-t-ABCD2345");
        assertThat(link.code()).isEqualTo("ABCD2345");
        ScanText.Parsed hopeless = ScanText.parse("httpsÖ--example.com-nothing");
        assertThat(hopeless.hasCode()).isFalse();
        assertThat(hopeless.warning()).contains("wrong keyboard layout");
    }

    @Test
    void aBareCodeWithYOrZOffersTheSwappedCodeForALookup() {
        assertThat(ScanText.parse("ABCDYZ23").alternatives()).containsExactly("ABCDZY23");
        assertThat(ScanText.parse("ABCD2345").alternatives()).isEmpty();
    }
}
