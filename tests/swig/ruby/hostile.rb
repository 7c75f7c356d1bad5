# SPDX-License-Identifier: MIT
# Hostile input through the SWIG Ruby module: wrong types, NUL, non-UTF-8, empty and 8 MB
# strings, out-of-range numbers, and a leak check. Nothing may crash; every wrong argument
# raises TypeError/RangeError/ArgumentError, every bad SIP input a Sipmethods::ParseError.
# Usage: ruby -I<build>/swig/ruby hostile.rb
require_relative 'sm_test'

S = SM

ALL = S::ALL_METHODS
BIG = ('A' * (8 * 1024 * 1024)).freeze

# --- Wrong types for every string argument. ---------------------------------------------------
string_fn = {
  lookup: ->(s) { S.lookup(s) }, lookup_ci: ->(s) { S.lookup_ci(s) }, is_token: ->(s) { S.is_token(s) },
  from_letters: ->(s) { S.from_letters(s) }, reject_status: ->(s) { S.reject_status(s, ALL) },
  classify: ->(s) { S.classify(s) }, allow_parse: ->(s) { S.allow_parse(s) }
}
bad_strings = [nil, 5, 2**70, 1.5, [], ['INVITE'], {}, :INVITE, Object.new, true]
string_fn.each do |f, fn|
  bad_strings.each { |b| wrong("#{f}(#{show(b)})") { fn.call(b) } }
end
wrong('lookup()') { S.lookup }
wrong('lookup(a, b)') { S.lookup('a', 'b') }
wrong('classify()') { S.classify }
wrong('reject_status("X")') { S.reject_status('X') }
wrong('reject_status("X", 1, 2)') { S.reject_status('X', 1, 2) }
wrong('method_name()') { S.method_name }
wrong('error_format(1)') { S.error_format(1) }
wrong('method_names(1)') { S.method_names(1) }
wrong('version(1)') { S.version(1) }
int_fns = %i[method_name info info_at status_reason status status_at status_class status_equivalent
             strerror errname allow_format]
[nil, 'abc', '5', 1.5, 5.0, [], {}, :x, true].each do |b|
  wrong("reject_status(INVITE, #{show(b)})") { S.reject_status('INVITE', b) }
  int_fns.each { |f| wrong("#{f}(#{show(b)})") { S.send(f, b) } }
  wrong("error_format(#{show(b)}, 0)") { S.error_format(b, 0) }
  wrong("error_format(-1, #{show(b)})") { S.error_format(-1, b) }
end

# --- NUL bytes are data. ------------------------------------------------------------------------
returns('lookup("INVITE\0")', 0) { S.lookup("INVITE\0") }
returns('lookup("\0INVITE")', 0) { S.lookup("\0INVITE") }
returns('lookup_ci("invite\0")', 0) { S.lookup_ci("invite\0") }
returns('is_token("A\0B")', false) { S.is_token("A\0B") }
returns('reject_status("INVITE\0")', 400) { S.reject_status("INVITE\0", ALL) }
parse_error('from_letters("I\0")', 'SM_ELETTER', 1) { S.from_letters("I\0") }
parse_error('allow_parse("\0")', 'SM_EALLOW', 0) { S.allow_parse("\0") }
parse_error('allow_parse("INVITE, A\0CK")', 'SM_EALLOW', 9) { S.allow_parse("INVITE, A\0CK") }
parse_error('classify NUL in method', 'SM_EMETHOD', 3) { S.classify("INV\0ITE sip:a@b SIP/2.0\r\n") }
parse_error('classify NUL in URI', 'SM_EURI', 7) { S.classify("INVITE sip:a\0b SIP/2.0\r\n") }
parse_error('classify NUL in reason', 'SM_EREASON', 13) { S.classify("SIP/2.0 200 O\0K\r\n") }
parse_error('classify NUL in CSeq', 'SM_ECSEQ', 35) { S.classify("INVITE sip:a@b SIP/2.0\r\nCSeq: 1 INV\0ITE\r\n\r\n") }
returns('lookup(8 MB of NUL)', 0) { S.lookup("\0" * BIG.size) }

# --- Non-UTF-8, other encodings. ------------------------------------------------------------------
returns('lookup("INV\xff" binary)', 0) { S.lookup("INV\xff".b) }
returns('lookup("INV\xff" invalid UTF-8)', 0) { S.lookup("INV\xff".dup.force_encoding('UTF-8')) }
returns('is_token("\xff")', false) { S.is_token("\xff".b) }
returns('reject_status("\xfe\xff")', 400) { S.reject_status("\xfe\xff".b, ALL) }
returns('lookup("INVITE☺")', 0) { S.lookup("INVITE\u263a") }
returns('lookup(UTF-16LE "INVITE")', 0) { S.lookup('INVITE'.encode('UTF-16LE')) }
returns('lookup(frozen "INVITE")', S::INVITE) { S.lookup('INVITE'.freeze) }
parse_error('from_letters("\xff")', 'SM_ELETTER', 0) { S.from_letters("\xff".b) }
parse_error('allow_parse("\xff")', 'SM_EALLOW', 0) { S.allow_parse("\xff".b) }
parse_error('classify non-UTF-8 URI', 'SM_EURI', 7) { S.classify("INVITE sip:\xff@b SIP/2.0\r\n".b) }
begin
  m = S.classify("SIP/2.0 200 \xff\xfe\r\n".b)
  ok('classify non-UTF-8 reason bytes', m[:reason], "\xff\xfe".b)
  ok('classify non-UTF-8 reason is binary', m[:reason].encoding, Encoding::BINARY)
  ok('classify non-UTF-8 reason consumed', m[:consumed], 16)
rescue Exception => e
  $failed += 1
  puts "FAIL classify non-UTF-8 reason: raised #{e.class}: #{e.message}"
end

# --- Empty strings. -------------------------------------------------------------------------------
returns('lookup("")', 0) { S.lookup('') }
returns('lookup_ci("")', 0) { S.lookup_ci('') }
returns('is_token("")', false) { S.is_token('') }
returns('reject_status("")', 400) { S.reject_status('', ALL) }
returns('from_letters("")', 0) { S.from_letters('') }
returns('allow_parse("")', [0, []]) { S.allow_parse('') }
parse_error('classify("")', 'SM_EPARTIAL', 0) { S.classify('') }
returns('allow_format(0)', '') { S.allow_format(0) }

# --- 8 MB inputs. ---------------------------------------------------------------------------------
returns('lookup(8 MB)', S::OTHER) { S.lookup(BIG) }
returns('lookup_ci(8 MB)', S::OTHER) { S.lookup_ci(BIG) }
returns('is_token(8 MB)', true) { S.is_token(BIG) }
returns('reject_status(8 MB)', 501) { S.reject_status(BIG, ALL) }
returns('from_letters(8 MB of A)', S::ACK) { S.from_letters(BIG) }
returns('allow_parse(8 MB)', [0, [BIG.size]]) { set, exts = S.allow_parse(BIG); [set, exts.map(&:size)] }
parse_error('classify(8 MB)', 'SM_EPARTIAL', 8388608) { S.classify(BIG) }
returns('classify 8 MB URI', 8388608 + 6) { S.classify("INVITE sip:#{'a' * 8388608}@b SIP/2.0\r\n")[:uri].size }

# --- Numbers out of range. ------------------------------------------------------------------------
%i[method_name info].each do |f|
  wrong("#{f}(-1)") { S.send(f, -1) }
  [0, 2**31 - 1, 2**31, 2**32 - 1].each { |v| returns("#{f}(#{v})", nil) { S.send(f, v) } }
  [2**32, 2**32 + 1, -2**31, 2**64, 2**100, -2**100].each { |v| wrong("#{f}(#{v})") { S.send(f, v) } }
end
%i[info_at status_at].each do |f|
  [2**31 - 1, 2**32 + 1, 2**63].each { |v| returns("#{f}(#{v})", nil) { S.send(f, v) } }
  [2**64, 2**100].each { |v| wrong("#{f}(#{v})") { S.send(f, v) } }
end
returns('info_at(METHOD_COUNT)', nil) { S.info_at(S::METHOD_COUNT) }
returns('status_at(STATUS_COUNT)', nil) { S.status_at(S::STATUS_COUNT) }
%i[status_reason status].each do |f|
  [-1, 0, 2**31 - 1, -2**31].each { |v| returns("#{f}(#{v})", nil) { S.send(f, v) } }
  [2**31, 2**32 + 1, -2**31 - 1, 2**64].each { |v| wrong("#{f}(#{v})") { S.send(f, v) } }
end
%i[status_class status_equivalent].each do |f|
  [-1, 0, 2**31 - 1, -2**31, 99, 700].each { |v| returns("#{f}(#{v})", 0) { S.send(f, v) } }
  [2**31, 2**32 + 1, -2**31 - 1].each { |v| wrong("#{f}(#{v})") { S.send(f, v) } }
end
returns('strerror(0)', 'unknown error') { S.strerror(0) }
returns('strerror(-2**31)', 'unknown error') { S.strerror(-2**31) }
returns('errname(0)', nil) { S.errname(0) }
returns('errname(2**31-1)', nil) { S.errname(2**31 - 1) }
wrong('strerror(2**32+1)') { S.strerror(2**32 + 1) }
wrong('errname(-2**31-1)') { S.errname(-2**31 - 1) }
returns('error_format(0, 0)', 'unknown error at byte 0') { S.error_format(0, 0) }
returns('error_format(-1, 2**32+1)', 'message cut short: the input ends before its header block does at byte 4294967297') { S.error_format(-1, 2**32 + 1) }
wrong('error_format(-1, 2**64)') { S.error_format(-1, 2**64) }
wrong('error_format(2**32+1, 0)') { S.error_format(2**32 + 1, 0) }
wrong('allow_format(-1)') { S.allow_format(-1) }
wrong('allow_format(2**32+1)') { S.allow_format(2**32 + 1) }
returns('allow_format(2**32-1)', S.allow_format(ALL)) { S.allow_format(2**32 - 1) }
returns('allow_format(2**31)', '') { S.allow_format(2**31) }
wrong('reject_status("X", -1)') { S.reject_status('X', -1) }
wrong('reject_status("X", 2**32+1)') { S.reject_status('X', 2**32 + 1) }
returns('reject_status("INVITE", 2**32-1)', 0) { S.reject_status('INVITE', 2**32 - 1) }

# SWIG's own size_t conversion wrapped a negative Integer around; sipmethods_ruby.i's typemap
# raises RangeError for it, and TypeError for anything but an Integer.
wrong('info_at(-1)', [RangeError]) { S.info_at(-1) }
wrong('status_at(-1)', [RangeError]) { S.status_at(-1) }
wrong('error_format(-1, -1)', [RangeError]) { S.error_format(-1, -1) }
wrong('info_at(1.0)', [TypeError]) { S.info_at(1.0) }

# --- Module#name and Object#methods still work after all that. ------------------------------------
returns('Sipmethods.name', 'Sipmethods') { S.name }
returns('lookup still works', S::INVITE) { S.lookup('INVITE') }

# --- No leak: 100k rounds, failing calls included, leave the process size flat. -------------------
msg = "INVITE sip:a@b SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n"
allow = 'INVITE, ' + (1..20).map { |i| "X#{i}" }.join(',')
memory_stays_flat('memory stays flat over 100k rounds', 4096, 10_000, 100_000) do |n|
  n.times do
    S.classify(msg)
    S.allow_parse(allow)
    S.info_at(3)
    S.status(486)
    S.allow_format(0x3fff)
    S.error_format(-5, 12)
    begin S.classify("INV\0ITE sip:a@b SIP/2.0\r\n"); rescue S::ParseError; end
    begin S.allow_parse("INVITE, A\0CK"); rescue S::ParseError; end
    begin S.from_letters('IAx'); rescue S::ParseError; end
    begin S.lookup(nil); rescue TypeError; end
    begin S.lookup([]); rescue TypeError; end
    begin S.info(-1); rescue RangeError; end
    begin S.status('abc'); rescue TypeError; end
  end
end

finish
