/* SPDX-License-Identifier: MIT */
package sipmethods;

/** A parsed Allow header value ({@link sipmethods#allow_parse(byte[])}). */
public final class Allow {
    private final int set;
    private final String[] extensions;

    private Allow(Object[] t) {
        set = Records.integer(t[0]);
        extensions = Records.texts(t[1]);
    }

    static Allow of(Object o) {
        return o == null ? null : new Allow((Object[]) o);
    }

    /** The registered methods, a set of ids (never the OTHER bit). */
    public int getSet() { return set; }

    /** The extension tokens, in order, duplicates kept. */
    public String[] getExtensions() { return extensions.clone(); }

    @Override
    public String toString() {
        return "Allow(" + set + ", " + java.util.Arrays.toString(extensions) + ")";
    }
}
