/* SPDX-License-Identifier: MIT */
package sipmethods;

import java.util.Map;

/** An IANA SIP response code ({@link sipmethods#status(int)}). */
public final class StatusInfo {
    private final int code;
    private final String reason;
    private final String rfc;
    private final int statusClass;
    private final boolean deprecated;

    private StatusInfo(Map<String, Object> m) {
        code = Records.integer(m.get("code"));
        reason = Records.text(m.get("reason"));
        rfc = Records.text(m.get("rfc"));
        statusClass = Records.integer(m.get("class"));
        deprecated = Records.flag(m.get("deprecated"));
    }

    static StatusInfo of(Object o) {
        return o == null ? null : new StatusInfo(Records.map(o));
    }

    public int getCode() { return code; }
    public String getReason() { return reason; }
    public String getRfc() { return rfc; }
    /** 1..6. */
    public int getStatusClass() { return statusClass; }
    /** True for 202 Accepted. */
    public boolean isDeprecated() { return deprecated; }

    @Override
    public String toString() { return code + " " + reason; }
}
