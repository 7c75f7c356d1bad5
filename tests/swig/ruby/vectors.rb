# SPDX-License-Identifier: MIT
# The shared vectors (tests/vectors/vectors.tsv) through the SWIG Ruby extension, then the errors.
# Usage: ruby -I<build>/swig/ruby vectors.rb <vectors.tsv>
require_relative 'sm_test'

def flag(b)
  b ? 1 : 0
end

FLAGS = %i[has_response cancelable creates_dialog target_refresh offer_answer in_dialog_only].freeze
CLASSIFY_KEYS = %i[kind method_id method uri version status reason cseq cseq_method_id cseq_method
                   cseq_mismatch partial consumed].freeze

GROUPS = {
  'method' => lambda do |index, name, id, desc, rfc, refs, letter, cat, tr, *flags|
    l = "method #{name}"
    [SM.info_at(index.to_i), SM.info(id.to_i)].each do |info|
      ok("#{l} name", info[:name], name)
      ok("#{l} id", info[:id], id)
      ok("#{l} index", info[:index], index)
      ok("#{l} description", info[:description], desc)
      ok("#{l} rfc", info[:rfc], rfc)
      ok("#{l} references", info[:references].join(', '), refs)
      ok("#{l} letter", info[:letter], letter.empty? ? nil : letter) # INFO: nil
      ok("#{l} category", info[:category], cat)
      ok("#{l} transaction", info[:transaction], tr)
      FLAGS.each_with_index { |k, i| ok("#{l} #{k}", flag(info[k]), flags[i]) }
    end
    ok("#{l} method_name()", SM.method_name(id.to_i), name)
    ok("#{l} method_names()", SM.method_names[index.to_i], name)
    ok("#{l} lookup", SM.lookup(name), id)
    ok("#{l} constant", SM.const_get(name), id)
  end,
  'lookup' => lambda do |input, id, id_ci, is_token|
    ok("lookup #{show(input)}", SM.lookup(input), id)
    ok("lookup_ci #{show(input)}", SM.lookup_ci(input), id_ci)
    ok("is_token #{show(input)}", flag(SM.is_token(input)), is_token)
  end,
  'letters' => lambda do |input, set, error, offset|
    l = "letters #{show(input)}"
    next parse_error(l, error, offset.to_i) { SM.from_letters(input) } unless error == 'OK'
    got = nil
    err = raised { got = SM.from_letters(input) }
    ok(l, err || got, set)
  end,
  'reject' => lambda do |input, allowed, status|
    ok("reject #{show(input)} #{allowed}", SM.reject_status(input, allowed.to_i), status)
  end,
  'allow_parse' => lambda do |input, set, exts, error, offset|
    l = "allow_parse #{show(input)}"
    next parse_error(l, error, offset.to_i) { SM.allow_parse(input) } unless error == 'OK'
    got = nil
    err = raised { got = SM.allow_parse(input) }
    next ok(l, err, nil) if err
    ok("#{l} set", got[0], set)
    ok("#{l} exts", got[1].join(','), exts)
  end,
  'allow_format' => lambda do |set, output|
    ok("allow_format #{set}", SM.allow_format(set.to_i), output)
  end,
  'classify' => lambda do |input, error, offset, *want|
    l = "classify #{show(input)}"
    # A vector with a kind is a result (partial or not), whatever its error says.
    next parse_error(l, error, offset.to_i) { SM.classify(input) } if want[0].nil?
    m = nil
    err = raised { m = SM.classify(input) }
    next ok(l, err, nil) if err
    CLASSIFY_KEYS.each_with_index do |k, i|
      got = m[k]
      got = flag(got) if %i[cseq_mismatch partial].include?(k) && !got.nil?
      ok("#{l} #{k}", got, want[i])
    end
  end,
  'status' => lambda do |code, reason, rfc, klass, equivalent, deprecated|
    c = code.to_i
    st = SM.status(c)
    ok("status #{code} reason", SM.status_reason(c), reason)
    ok("status #{code} record", st && st[:reason], reason)
    ok("status #{code} rfc", st && st[:rfc], rfc)
    ok("status #{code} deprecated", st ? flag(st[:deprecated]) : 0, deprecated)
    ok("status #{code} class", SM.status_class(c), klass)
    ok("status #{code} equivalent", SM.status_equivalent(c), equivalent)
  end
}.freeze

path = ARGV[0] or abort "usage: #{$PROGRAM_NAME} vectors.tsv"
read_vectors(path, GROUPS)

# --- Errors: ParseError for bad input, Ruby's own errors for wrong arguments, never a crash. --
parse_error('non-token method', 'SM_EMETHOD', 3) { SM.classify("INV@ITE sip:a@b SIP/2.0\r\n") }
parse_error('bad start line', 'SM_EURI', 7) { SM.classify("INVITE <sip:a@b> SIP/2.0\r\n") }
parse_error('no line end', 'SM_EPARTIAL', 22) { SM.classify('INVITE sip:a@b SIP/2.0') }
parse_error('bad letters', 'SM_ELETTER', 2) { SM.from_letters('IAx') }
parse_error('bad allow', 'SM_EALLOW', 7) { SM.allow_parse('INVITE ACK') }
parse_error('non-token allow', 'SM_EALLOW', 9) { SM.allow_parse("INVITE, A\0CK") }
ok('ParseError code', raised { SM.classify("INVITE <x> SIP/2.0\r\n") }.code, SM::EURI)
m = SM.classify("INVITE sip:a@b SIP/2.0\r\nVia: x\r\n")
ok('cut in the headers: partial is true', m[:partial], true)
ok('cut in the headers: no cseq', m[:cseq], nil)
ok('complete: partial is false', SM.classify("INVITE sip:a@b SIP/2.0\r\n\r\n")[:partial], false)
ok('INFO has no letter', SM.info(SM::INFO)[:letter], nil)
ok('an unknown error code has no name', SM.errname(-100), nil)
ok('non-token lookup is 0, not an error', SM.lookup('IN VITE'), 0)
ok('non-token reject_status is 400', SM.reject_status('IN VITE', SM::ALL_METHODS), 400)
ok('NUL is data', SM.lookup("INVITE\0"), 0)
ok('a UTF-8 string is read as its bytes', SM.classify("SIP/2.0 200 caf\u00e9\r\n")[:reason], "caf\xC3\xA9".b)
ok('a non-ASCII string is no token', SM.lookup("INVIT\u00c9"), 0)
ok('info of a non-id is nil', SM.info(3), nil)
ok('info_at past the end is nil', SM.info_at(14), nil)
ok('status of a non-code is nil', SM.status(99), nil)
ok('method_name of OTHER is nil', SM.method_name(SM::OTHER), nil)
ok('Module#name still works', Sipmethods.name, 'Sipmethods')
many = (1..100).map { |i| "X#{i}" }.join(', ')
set, exts = SM.allow_parse("INVITE, #{many}")
ok('100 extensions', exts.size, 100)
ok('100 extensions, set', set, SM::INVITE)
ok('100 extensions, last', exts[99], 'X100')
[
  ['lookup(nil)', TypeError, -> { SM.lookup(nil) }],
  ['lookup(42)', TypeError, -> { SM.lookup(42) }],
  ['lookup(:INVITE)', TypeError, -> { SM.lookup(:INVITE) }],
  ['lookup()', ArgumentError, -> { SM.lookup }],
  ["lookup('a', 'b')", ArgumentError, -> { SM.lookup('a', 'b') }],
  ['classify(nil)', TypeError, -> { SM.classify(nil) }],
  ['allow_parse([])', TypeError, -> { SM.allow_parse([]) }],
  ['from_letters(nil)', TypeError, -> { SM.from_letters(nil) }],
  ["reject_status('X', 'abc')", TypeError, -> { SM.reject_status('X', 'abc') }],
  ["info('abc')", TypeError, -> { SM.info('abc') }],
  ['info(-1)', RangeError, -> { SM.info(-1) }],
  ['allow_format(2**40)', RangeError, -> { SM.allow_format(2**40) }]
].each do |label, klass, call|
  wrong("#{label} raises #{klass}", [klass]) { call.call }
end

finish
