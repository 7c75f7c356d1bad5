/* SPDX-License-Identifier: MIT */
package sipmethods;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Reads the values the JNI code hands over: byte[] for text, Integer, Boolean, null. */
final class Records {
    private Records() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    static String text(Object o) {
        return text((byte[]) o);
    }

    static byte[] bytes(Object o) {
        return (byte[]) o;
    }

    static byte[] copy(byte[] b) {
        return b == null ? null : b.clone();
    }

    static Integer integer(Object o) {
        return (Integer) o;
    }

    static boolean flag(Object o) {
        return (Boolean) o;
    }

    static String[] texts(Object o) {
        Object[] a = (Object[]) o;
        String[] out = new String[a.length];
        for (int i = 0; i < a.length; i++)
            out[i] = text(a[i]);
        return out;
    }
}
