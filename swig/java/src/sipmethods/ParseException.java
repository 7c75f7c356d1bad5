/* SPDX-License-Identifier: MIT */
package sipmethods;

/** Malformed SIP input: an {@code SM_E*} code of the C core and the byte offset of the error. */
public class ParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final String name;
    private final long offset;

    public ParseException(String message, int code, String name, long offset) {
        super(message);
        this.code = code;
        this.name = name;
        this.offset = offset;
    }

    /** The negative {@code SM_E*} code, e.g. {@link sipmethods#EURI}. */
    public int getCode() { return code; }

    /** The code's name, e.g. {@code "SM_EURI"}. */
    public String getName() { return name; }

    /** The byte offset of the error in the input (UTF-8 bytes for a String). */
    public long getOffset() { return offset; }
}
