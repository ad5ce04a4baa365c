package com.headlessanalytics.console.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.domain.FieldError;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The trackable operations over HTTP: paths, verbs, bodies and parameters, answers read into the
 * api records, errors with the server's status and code, and a create never sent twice once the
 * server may have acted (each create draws a new code).
 */
@Timeout(20)
class RemoteApiTrackablesTest extends ScriptedServerTest {
    private static final String TRACKABLE = """
            {"code":"K4Z2M9QA","kind":"qr_code","name":"Olive Oil Bottle QR",
             "targetUrl":"https://roastandorigin.com/ethiopia","eventName":"qr.bottle_scanned","businessId":"default",
             "payload":"https://roastandorigin.com/ethiopia?ha_code=K4Z2M9QA",
             "trackingUrl":"http://localhost:8080/t/K4Z2M9QA","createdAt":5,"createdBy":"key_a","scans":3,
             "lastScanAt":9,"qrSvg":"<svg/>","proof":%s}""".formatted(PROOF);

    @Test
    void createSendsTheReferenceBodyAndReadsThe201() throws Exception {
        server.enqueue(json(201, TRACKABLE));
        Trackables.Trackable t = api.createTrackable(new Trackables.NewTrackable("qr_code", "Olive Oil Bottle QR",
                "https://roastandorigin.com/ethiopia", "qr.bottle_scanned", true));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getTarget()).isEqualTo("/api/trackables");
        assertThat(r.getBody().utf8()).isEqualTo("{\"kind\":\"qr_code\",\"name\":\"Olive Oil Bottle QR\","
                + "\"targetUrl\":\"https://roastandorigin.com/ethiopia\",\"eventName\":\"qr.bottle_scanned\","
                + "\"includeQrSvg\":true}");
        assertThat(t.code()).isEqualTo("K4Z2M9QA");
        assertThat(t.scans()).isEqualTo(3);
        assertThat(t.lastScanAt()).isEqualTo(9L);
        assertThat(t.qrSvg()).isEqualTo("<svg/>");
        assertThat(t.proof().queryId()).isEqualTo("q_9");
    }

    @Test
    void listLookupAndTheEventsFilterSendTheirParameters() throws Exception {
        server.enqueue(json(200, "{\"trackables\":[" + TRACKABLE + "],\"proof\":" + PROOF + "}"));
        server.enqueue(json(200, TRACKABLE));
        server.enqueue(json(200, "{\"events\":[],\"nextCursor\":null,\"proof\":" + PROOF + "}"));
        assertThat(api.trackables(new Trackables.Query("k4z2", "qr_code", "olive oil", 5)).trackables())
                .hasSize(1);
        assertThat(server.takeRequest().getTarget())
                .isEqualTo("/api/trackables?code=k4z2&kind=qr_code&q=olive%20oil&limit=5");
        assertThat(api.trackable("k4z2-m9qa").name()).isEqualTo("Olive Oil Bottle QR");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/trackables/k4z2-m9qa");
        api.events(EventQuery.all().withTrackable("K4Z2M9QA"));
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/events?trackable=K4Z2M9QA");
    }

    @Test
    void errorsCarryTheServersStatusCodeAndDetails() {
        server.enqueue(json(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"No trackable\",\"details\":[]},"
                + "\"proof\":" + PROOF + "}"));
        assertThatThrownBy(() -> api.trackable("ZZZZZZZZ")).isInstanceOfSatisfying(ApiException.Client.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.code()).isEqualTo(ErrorCodes.NOT_FOUND);
        });
        server.enqueue(json(400, "{\"error\":{\"code\":\"invalid_input\",\"message\":\"Invalid trackable\","
                + "\"details\":[{\"field\":\"kind\",\"code\":\"invalid_value\",\"message\":\"must be one of …\"}]},"
                + "\"proof\":" + PROOF + "}"));
        assertThatThrownBy(() -> api.createTrackable(new Trackables.NewTrackable("qr", "n", null, null, null)))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.details()).extracting(FieldError::field).containsExactly("kind");
                });
        assertThatThrownBy(() -> api.trackable("..")).isInstanceOf(ApiException.Client.class);
    }

    @Test
    void aCreateIsNotSentAgainAfterA5xxButAListIs() {
        server.enqueue(json(503, "{\"error\":{\"code\":\"not_ready\",\"message\":\"stopping\",\"details\":[]}}"));
        assertThatThrownBy(() -> api.createTrackable(new Trackables.NewTrackable("other", "n", null, null, null)))
                .isInstanceOfSatisfying(ApiException.Server.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(attempts.get()).isEqualTo(1);
        attempts.set(0);
        server.enqueue(json(503, "{\"error\":{\"code\":\"not_ready\",\"message\":\"stopping\",\"details\":[]}}"));
        server.enqueue(json(200, "{\"trackables\":[],\"proof\":" + PROOF + "}"));
        assertThat(api.trackables(null).trackables()).isEmpty();
        assertThat(attempts.get()).isEqualTo(2);
    }
}
