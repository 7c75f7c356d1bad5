# SPDX-License-Identifier: MIT
# route.rb: the request policy of a small stateless proxy, for Kamailio's app_ruby (KEMI).
# The method rules come from sipmethods (the SWIG module: the C API without the sm_ prefix);
# Kamailio does the SIP plumbing through KSR calls (sub-modules upper-cased: KSR::SL, KSR::PV).
# Same job as route.lua and route.py. RUBYLIB must reach sipmethods.so built for this Ruby.
require "sipmethods"

SM = Sipmethods
# The methods this server handles: sessions, events and transfer. REGISTER, MESSAGE and
# PUBLISH are registered methods it does not allow (405); any other token is an extension (501).
# Keep ACK in the set: an ACK is never answered, not even with a 405.
ALLOWED = SM::INVITE | SM::ACK | SM::BYE | SM::CANCEL | SM::OPTIONS | SM::PRACK |
          SM::SUBSCRIBE | SM::NOTIFY | SM::INFO | SM::REFER | SM::UPDATE
# "Allow: INVITE, ACK, BYE, ..., UPDATE" in the registry's order.
ALLOW_HEADER = "Allow: #{SM.allow_format(ALLOWED)}\r\n"
# Each registered method's properties (:creates_dialog, :in_dialog_only, ...) by name, built
# once: SM.info makes a new Hash on every call.
# (Ruby's own Module#name and #methods keep their meaning: the SWIG module says method_name and
# method_names for the C API's sm_name and the table's names.)
INFO = SM.method_names.to_h { |name| [name, SM.info(SM.lookup(name))] }

# Answers the request statelessly with the code's IANA reason phrase, and Allow if asked.
def reply(code, with_allow = false)
  KSR::HDR.append_to_reply(ALLOW_HEADER) if with_allow   # added to the next local reply
  KSR::SL.sl_send_reply(code, SM.status_reason(code))
end

# Called by Kamailio for every request it has parsed.
def ksr_request_route
  # 1. Method policy. $rm is the method as received; the lookup is case-sensitive (RFC 3261
  #    §25.1), so "invite" is an extension method here although Kamailio's $rmid says INVITE.
  status = SM.reject_status(KSR::PV.get("$rm"), ALLOWED)
  if status != 0
    # 405 and 501 carry Allow (RFC 3261 §8.2.1, §21.5.2); 400: the method is not a token.
    reply(status, status != 400)
    return 1
  end

  # 2. Loop protection: decrement Max-Forwards (-1: it reached 0, -2: unreadable header).
  mf = KSR::MAXFWD.process_maxfwd(10)
  return reply(483) if mf == -1
  return reply(400) if mf < 0

  # 3. The method's properties. $rmid is Kamailio's method id, the same bit as sipmethods';
  #    the policy above let through only registered methods, so SM.method_name gives one.
  method = SM.method_name(KSR::PV.get("$rmid"))
  info = INFO[method]
  in_dialog = KSR::SIPUTILS.has_totag > 0   # a To tag: the request claims a dialog

  if in_dialog
    KSR::RR.loose_route   # follow and consume our Route entry, if any (RFC 3261 §16.4)
  elsif info[:in_dialog_only]
    # BYE, INFO, PRACK, UPDATE, NOTIFY without a To tag cannot match a dialog (RFC 3261 §12.2.2).
    return reply(481)
  end

  # 4. Requests for this server itself (its own address in the Request-URI): answer here.
  if KSR.is_myself_ruri   # true or false (a KEMI boolean)
    if method == "OPTIONS"
      reply(200, true)   # RFC 3261 §11.2: the capabilities, Allow included
    elsif method == "ACK"
      # an ACK is never answered (RFC 3261 §17.1.1.3)
    elsif method == "CANCEL" || in_dialog
      reply(481)         # no transaction to cancel, no dialog here (RFC 3261 §9.2, §12.2.2)
    else
      reply(404)         # this example has no users (no registrar, no location service)
    end
    return 1
  end

  # 5. Stay on the path of the dialogs this request may create (RFC 3261 §16.6 step 4). NOTIFY
  #    arrives with a To tag and still may create the subscription's dialog (RFC 6665 §4.4.1).
  if info[:creates_dialog] && (!in_dialog || info[:in_dialog_only])
    KSR::RR.record_route
  end

  # 6. Forward statelessly to the Request-URI (or the next Route). A transport error counts as
  #    a 503 from downstream, which a proxy turns into 500 (RFC 3261 §16.9, §16.7); no reply to ACK.
  reply(500) if KSR.forward < 0 && method != "ACK"
  1
end
