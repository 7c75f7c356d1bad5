# SPDX-License-Identifier: MIT
# control.rb: a Ruby route without sipmethods. kamailio_test.py runs it once to tell Kamailio's
# own shutdown behaviour with app_ruby apart from anything sipmethods could cause.
def ksr_request_route
  KSR::SL.sl_send_reply(200, "OK")
  1
end
