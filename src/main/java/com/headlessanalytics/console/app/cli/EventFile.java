package com.headlessanalytics.console.app.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.headlessanalytics.console.api.ApiJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams the events of a file: a JSON array of envelopes, or NDJSON (one envelope per line).
 * Nothing is loaded whole, so files larger than memory work.
 */
final class EventFile {
    private static final ObjectMapper JSON = ApiJson.mapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    /** Reads one array element at a time; the rest of the array is not "trailing" content. */
    private static final ObjectReader ELEMENT = JSON.readerFor(MAP)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * One record: its 1-based number and line, the envelope or why it could not be read, and about
     * how large it is in the file (characters of its line, or bytes of the array element).
     */
    record Item(int number, long line, Map<String, Object> envelope, String problem, long length) {
    }

    private EventFile() {
    }

    static void read(Path file, Consumer<Item> sink) throws IOException {
        try (PushbackInputStream in = new PushbackInputStream(Files.newInputStream(file), 4)) {
            int first = firstSignificant(in);
            if (first == '[') {
                readArray(in, sink);
            } else {
                readLines(in, sink);
            }
        }
    }

    private static int firstSignificant(PushbackInputStream in) throws IOException {
        byte[] bom = in.readNBytes(3);
        int skip = bom.length == 3 && (bom[0] & 0xff) == 0xEF && (bom[1] & 0xff) == 0xBB && (bom[2] & 0xff) == 0xBF ? 3 : 0;
        in.unread(bom, skip, bom.length - skip);
        int c;
        do {
            c = in.read();
        } while (c != -1 && Character.isWhitespace(c));
        if (c != -1) {
            in.unread(c);
        }
        return c;
    }

    private static void readArray(InputStream in, Consumer<Item> sink) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            p.nextToken();
            int number = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new IOException("the JSON array is not closed");
                }
                number++;
                long line = p.currentTokenLocation().getLineNr();
                long start = p.currentTokenLocation().getByteOffset();
                if (t == JsonToken.START_OBJECT) {
                    Map<String, Object> envelope = ELEMENT.readValue(p);
                    sink.accept(new Item(number, line, envelope, null, p.currentLocation().getByteOffset() - start));
                } else {
                    p.skipChildren();
                    sink.accept(new Item(number, line, null, "must be a JSON object", 0));
                }
            }
            if (p.nextToken() != null) {
                throw new IOException("unexpected content after the JSON array (line "
                        + p.currentTokenLocation().getLineNr() + ")");
            }
        } catch (JsonProcessingException e) {
            throw new IOException("not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asEnvelope(Map<?, ?> jsonObject) {
        return (Map<String, Object>) jsonObject;
    }

    private static void readLines(InputStream in, Consumer<Item> sink) throws IOException {
        BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(in,
                StandardCharsets.UTF_8.newDecoder()));
        String text;
        long line = 0;
        int number = 0;
        while ((text = reader.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            number++;
            try {
                Object value = JSON.readValue(text, Object.class);
                if (value instanceof Map<?, ?> map) {
                    sink.accept(new Item(number, line, asEnvelope(map), null, text.length()));
                } else {
                    sink.accept(new Item(number, line, null, "must be a JSON object", 0));
                }
            } catch (JsonProcessingException e) {
                sink.accept(new Item(number, line, null, "not valid JSON: " + e.getOriginalMessage(), 0));
            }
        }
    }
}
