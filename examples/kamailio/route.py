# SPDX-License-Identifier: MIT
# route.py: the request policy of a small stateless proxy, for Kamailio's app_python3 (KEMI).
# The method rules come from sipmethods; Kamailio does the SIP plumbing through KSR.* calls.
# Same job as route.lua and route.rb. Kamailio imports this file once, before it forks the
# workers; PYTHONPATH must reach the sipmethods package built for the embedded Python (3.11
# on Debian 12: a build by any CPython 3.11, or a limited-API (abi3) build, docs/python.md).
import KSR
import sipmethods as sm

M = sm.Method
# The methods this server handles: sessions, events and transfer. REGISTER, MESSAGE and
# PUBLISH are registered methods it does not allow (405); any other token is an extension (501).
# Keep ACK in the set: an ACK is never answered, not even with a 405.
ALLOWED = (M.INVITE | M.ACK | M.BYE | M.CANCEL | M.OPTIONS | M.PRACK
           | M.SUBSCRIBE | M.NOTIFY | M.INFO | M.REFER | M.UPDATE)
# "Allow: INVITE, ACK, BYE, ..., UPDATE" in the registry's order.
ALLOW_HEADER = "Allow: " + sm.format_allow(ALLOWED) + "\r\n"


def reply(code, with_allow=False):
    """Answers the request statelessly with the code's IANA reason phrase, and Allow if asked."""
    if with_allow:
        KSR.hdr.append_to_reply(ALLOW_HEADER)   # added to the next locally generated reply
    KSR.sl.sl_send_reply(code, sm.reason(code))


class Router:
    def child_init(self, rank):   # required by app_python3, once per worker
        return 0

    def ksr_request_route(self, msg):   # called by Kamailio for every request it has parsed
        # 1. Method policy. $rm is the method as received; the lookup is case-sensitive (RFC 3261
        #    §25.1), so "invite" is an extension method here although Kamailio's $rmid says INVITE.
        #    app_python3 hands strings over as strict UTF-8: a method with other bytes raises, and
        #    is not a token anyway (tokens are ASCII).
        try:
            status = sm.reject_status(KSR.pv.get("$rm"), ALLOWED)
        except UnicodeDecodeError:
            status = 400
        if status:
            # 405 and 501 carry Allow (RFC 3261 §8.2.1, §21.5.2); 400: the method is not a token.
            reply(status, status != 400)
            return 1

        # 2. Loop protection: decrement Max-Forwards (-1: it reached 0, -2: unreadable header).
        mf = KSR.maxfwd.process_maxfwd(10)
        if mf == -1:
            reply(483)
            return 1
        if mf < 0:
            reply(400)
            return 1

        # 3. The method's properties. $rmid is Kamailio's method id, the same bit as sipmethods';
        #    the policy above let through only registered methods, so from_id gives a Method.
        method = sm.from_id(KSR.pv.get("$rmid"))
        in_dialog = KSR.siputils.has_totag() > 0   # a To tag: the request claims a dialog

        if in_dialog:
            KSR.rr.loose_route()   # follow and consume our Route entry, if any (RFC 3261 §16.4)
        elif method.in_dialog_only:
            # BYE, INFO, PRACK, UPDATE, NOTIFY without a To tag cannot match a dialog (RFC 3261 §12.2.2).
            reply(481)
            return 1

        # 4. Requests for this server itself (its own address in the Request-URI): answer here.
        if KSR.is_myself_ruri():
            if method == M.OPTIONS:
                reply(200, True)   # RFC 3261 §11.2: the capabilities, Allow included
            elif method == M.ACK:
                pass               # an ACK is never answered (RFC 3261 §17.1.1.3)
            elif method == M.CANCEL or in_dialog:
                reply(481)         # no transaction to cancel, no dialog here (RFC 3261 §9.2, §12.2.2)
            else:
                reply(404)         # this example has no users (no registrar, no location service)
            return 1

        # 5. Stay on the path of the dialogs this request may create (RFC 3261 §16.6 step 4). NOTIFY
        #    arrives with a To tag and still may create the subscription's dialog (RFC 6665 §4.4.1).
        if method.creates_dialog and (not in_dialog or method.in_dialog_only):
            KSR.rr.record_route()

        # 6. Forward statelessly to the Request-URI (or the next Route). A transport error counts as
        #    a 503 from downstream, which a proxy turns into 500 (RFC 3261 §16.9, §16.7); no reply to ACK.
        if KSR.forward() < 0 and method != M.ACK:
            reply(500)
        return 1


def mod_init():
    """Called by app_python3 at startup: the object whose methods are the routes."""
    return Router()
