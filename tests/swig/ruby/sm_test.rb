# SPDX-License-Identifier: MIT
# What the SWIG Ruby suites share (require_relative 'sm_test'): counting checks, showing values,
# catching errors, the vectors reader, a leak check and the closing line.
require 'sipmethods'

SM = Sipmethods
$passed = 0
$failed = 0
# The JSON file the current vector comes from (a `#@ FILE.json` line), named by every failure.
$source = nil

# A value for a message: nil, an array, or the bytes with those outside 0x21..0x7E as %XX.
def show(v)
  return 'nil' if v.nil?
  return '[' + v.map { |x| show(x) }.join(',') + ']' if v.is_a?(Array)
  s = v.to_s.b.gsub(/[^\x21-\x7e]|%/n) { |c| format('%%%02X', c.ord) }
  s.size > 60 ? "'#{s[0, 60]}...'" : "'#{s}'"
end

# Counts one check that passed; true.
def pass
  $passed += 1
  true
end

# Counts one check that failed and prints why (and the vector's JSON file, if any); false.
def fail(message)
  $failed += 1
  puts "FAIL #{$source ? "[#{$source}] " : ''}#{message}"
  false
end

# Equal (==), or equal as byte strings (an Integer against a vector's text); nil only equals nil.
def ok(label, got, want)
  same = got == want || (!got.nil? && !want.nil? && got.to_s.b == want.to_s.b)
  same ? pass : fail("#{label}: got #{show(got)}, expected #{show(want)}")
end

# The exception a block raises (nil when it returns).
def raised
  yield
  nil
rescue StandardError => e
  e
end

# A block that must return want.
def returns(label, want)
  ok(label, yield, want)
rescue Exception => e # rubocop:disable Lint/RescueException -- NoMemoryError counts too
  fail("#{label}: raised #{e.class}: #{e.message}")
end

# A wrong argument: the block must raise one of klasses, and no ParseError.
def wrong(label, klasses = [TypeError, RangeError, ArgumentError])
  r = yield
  fail("#{label}: returned #{show(r)}, expected an exception")
rescue SM::ParseError => e
  fail("#{label}: raised ParseError #{e.message}")
rescue Exception => e # rubocop:disable Lint/RescueException
  klasses.any? { |k| e.is_a?(k) } ? pass : fail("#{label}: raised #{e.class}: #{e.message}")
end

# Bad SIP input: the block must raise Sipmethods::ParseError with this name and offset.
def parse_error(label, name, offset)
  r = yield
  fail("#{label}: returned #{show(r)}, expected ParseError #{name} at #{offset}")
rescue SM::ParseError => e
  ok("#{label} is an ArgumentError", e.is_a?(ArgumentError), true)
  ok("#{label} error", e.name, name)
  ok("#{label} offset", e.offset, offset)
  ok("#{label} code", SM.errname(e.code), name)
  ok("#{label} message", e.message, SM.error_format(e.code, e.offset))
rescue Exception => e # rubocop:disable Lint/RescueException
  fail("#{label}: raised #{e.class}: #{e.message}")
end

# A vectors.tsv field: nil for %N, else its bytes.
def decode_field(f)
  return nil if f == '%N'
  f.b.gsub(/%([0-9A-F]{2})/n) { Regexp.last_match(1).hex.chr }
end

# Runs each vector of vectors.tsv at path through groups[group].call(fields...), with $source
# naming its JSON file; then checks every group had vectors.
def read_vectors(path, groups)
  seen = Hash.new(0)
  File.binread(path).each_line do |line|
    line = line.chomp
    if line.start_with?('#@ ')
      $source = line[3..]
      next
    end
    next if line.empty? || line.start_with?('#')
    group, *fields = line.split("\t", -1)
    check = groups[group]
    next fail("unknown group #{group}") unless check
    seen[group] += 1
    check.call(*fields.map { |f| decode_field(f) })
  end
  $source = nil
  groups.each_key { |g| ok("vectors of group #{g}", seen[g].positive?, true) }
end

# The process's resident size in kB, or nil where /proc is missing.
def rss_kb
  File.read('/proc/self/statm').split[1].to_i * 4
rescue StandardError
  nil
end

# Runs round.call(warm), then round.call(count), and checks the resident size grew less than
# budget_kb. Not checked under valgrind (SIPMETHODS_MEMCHECK): memcheck checks leaks itself.
def memory_stays_flat(label, budget_kb, warm, count, &round)
  return if rss_kb.nil? || ENV['SIPMETHODS_MEMCHECK']
  round.call(warm)
  GC.start
  before = rss_kb
  round.call(count)
  GC.start
  grown = rss_kb - before
  ok("#{label} (grew #{grown} kB)", grown < budget_kb, true)
end

# Prints the closing line and exits: non-zero if any check failed.
def finish
  puts "#{$passed} passed, #{$failed} failed"
  exit($failed.zero? ? 0 : 1)
end
