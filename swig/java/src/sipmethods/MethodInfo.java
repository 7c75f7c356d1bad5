/* SPDX-License-Identifier: MIT */
package sipmethods;

import java.util.Map;

/** A registered SIP method and its properties ({@link sipmethods#info(int)}). */
public final class MethodInfo {
    private final String name;
    private final int id;
    private final int index;
    private final String description;
    private final String rfc;
    private final String[] references;
    private final String letter;
    private final String category;
    private final String transaction;
    private final boolean hasResponse;
    private final boolean cancelable;
    private final boolean createsDialog;
    private final boolean targetRefresh;
    private final boolean offerAnswer;
    private final boolean inDialogOnly;

    private MethodInfo(Map<String, Object> m) {
        name = Records.text(m.get("name"));
        id = Records.integer(m.get("id"));
        index = Records.integer(m.get("index"));
        description = Records.text(m.get("description"));
        rfc = Records.text(m.get("rfc"));
        references = Records.texts(m.get("references"));
        letter = Records.text(m.get("letter"));
        category = Records.text(m.get("category"));
        transaction = Records.text(m.get("transaction"));
        hasResponse = Records.flag(m.get("has_response"));
        cancelable = Records.flag(m.get("cancelable"));
        createsDialog = Records.flag(m.get("creates_dialog"));
        targetRefresh = Records.flag(m.get("target_refresh"));
        offerAnswer = Records.flag(m.get("offer_answer"));
        inDialogOnly = Records.flag(m.get("in_dialog_only"));
    }

    static MethodInfo of(Object o) {
        return o == null ? null : new MethodInfo(Records.map(o));
    }

    public String getName() { return name; }
    public int getId() { return id; }
    /** Position in table order, 0..13. */
    public int getIndex() { return index; }
    public String getDescription() { return description; }
    /** The defining RFC, "RFC 3261". */
    public String getRfc() { return rfc; }
    /** The IANA references. */
    public String[] getReferences() { return references.clone(); }
    /** Kamailio's is_method_in() letter, null when there is none (INFO). */
    public String getLetter() { return letter; }
    public String getCategory() { return category; }
    /** "invite", "non-invite" or "none". */
    public String getTransaction() { return transaction; }
    public boolean hasResponse() { return hasResponse; }
    public boolean isCancelable() { return cancelable; }
    public boolean createsDialog() { return createsDialog; }
    public boolean isTargetRefresh() { return targetRefresh; }
    public boolean isOfferAnswer() { return offerAnswer; }
    public boolean isInDialogOnly() { return inDialogOnly; }

    @Override
    public String toString() { return name; }
}
