package com.headlessanalytics.console.domain;

import java.security.SecureRandom;

/** Generated identifiers: a prefix, then 26 Crockford base32 characters, time-ordered (ULID layout). */
public final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId(String prefix, long nowMillis) {
        char[] out = new char[26];
        long time = nowMillis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        int bit = 0;
        for (int i = 10; i < 26; i++) {
            int value = 0;
            for (int b = 0; b < 5; b++, bit++) {
                value = (value << 1) | ((random[bit / 8] >> (7 - bit % 8)) & 1);
            }
            out[i] = ALPHABET[value];
        }
        return prefix + "_" + new String(out);
    }
}
