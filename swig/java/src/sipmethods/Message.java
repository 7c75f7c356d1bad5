/* SPDX-License-Identifier: MIT */
package sipmethods;

import java.util.Map;

/**
 * The start line and CSeq of a SIP message ({@link sipmethods#classify(byte[])}). Fields that
 * do not apply are null: method id, method, URI and CSeq mismatch for a response; status and
 * reason for a request; the CSeq fields without a CSeq header. Text is available as the exact
 * bytes ({@code get...Bytes}) and as a String decoded as UTF-8. {@link #isPartial()} tells a
 * message cut inside its header block from a complete one.
 */
public final class Message {
    private final String kind;
    private final Integer methodId;
    private final byte[] method;
    private final byte[] uri;
    private final byte[] version;
    private final Integer status;
    private final byte[] reason;
    private final Integer cseq;
    private final Integer cseqMethodId;
    private final byte[] cseqMethod;
    private final Boolean cseqMismatch;
    private final boolean partial;
    private final int consumed;

    private Message(Map<String, Object> m) {
        kind = Records.text(m.get("kind"));
        methodId = Records.integer(m.get("method_id"));
        method = Records.bytes(m.get("method"));
        uri = Records.bytes(m.get("uri"));
        version = Records.bytes(m.get("version"));
        status = Records.integer(m.get("status"));
        reason = Records.bytes(m.get("reason"));
        cseq = Records.integer(m.get("cseq"));
        cseqMethodId = Records.integer(m.get("cseq_method_id"));
        cseqMethod = Records.bytes(m.get("cseq_method"));
        Object mismatch = m.get("cseq_mismatch");
        cseqMismatch = mismatch == null ? null : Records.flag(mismatch);
        partial = Records.flag(m.get("partial"));
        consumed = Records.integer(m.get("consumed"));
    }

    static Message of(Object o) {
        return o == null ? null : new Message(Records.map(o));
    }

    /** "request" or "response". */
    public String getKind() { return kind; }
    public boolean isRequest() { return "request".equals(kind); }
    public boolean isResponse() { return "response".equals(kind); }
    /** Request: the registered id, or {@link sipmethods#OTHER}. */
    public Integer getMethodId() { return methodId; }
    public String getMethod() { return Records.text(method); }
    public byte[] getMethodBytes() { return Records.copy(method); }
    public String getUri() { return Records.text(uri); }
    public byte[] getUriBytes() { return Records.copy(uri); }
    /** The SIP version as written ("SIP/2.0"). */
    public String getVersion() { return Records.text(version); }
    public byte[] getVersionBytes() { return Records.copy(version); }
    /** Response: the status code. */
    public Integer getStatus() { return status; }
    /** Response: the reason phrase (any bytes; the String replaces invalid UTF-8). */
    public String getReason() { return Records.text(reason); }
    public byte[] getReasonBytes() { return Records.copy(reason); }
    /** The CSeq number, or null without a CSeq header. */
    public Integer getCseq() { return cseq; }
    public Integer getCseqMethodId() { return cseqMethodId; }
    public String getCseqMethod() { return Records.text(cseqMethod); }
    public byte[] getCseqMethodBytes() { return Records.copy(cseqMethod); }
    /** Request: whether the CSeq method differs from the request method (false without CSeq). */
    public Boolean getCseqMismatch() { return cseqMismatch; }
    /**
     * True when the input ended inside the header block before a complete CSeq line (a stream
     * reader waits for more bytes): the start-line fields are set, the CSeq fields null. False
     * on every complete message. Input cut before the start line's end throws a
     * {@link ParseException} named {@code SM_EPARTIAL} instead.
     */
    public boolean isPartial() { return partial; }
    /** Bytes up to and including the start line's line end. */
    public int getConsumed() { return consumed; }

    @Override
    public String toString() {
        return isRequest()
            ? "Request(" + getMethod() + " " + getUri() + " " + getVersion() + ", cseq " + cseq + " "
                + getCseqMethod() + ")" + (partial ? " (partial)" : "")
            : "Response(" + getVersion() + " " + status + " " + getReason() + ", cseq " + cseq + " "
                + getCseqMethod() + ")" + (partial ? " (partial)" : "");
    }
}
