# SPDX-License-Identifier: MIT
# Sipmethods.lookup (SWIG) against Ruby's own Hash lookup, for the record.
# Best of ROUNDS interleaved rounds, ns per call (loop included).
# Usage: ruby -I <build>/swig/ruby bench/swig/bench_lookup.rb [ROUNDS] [CALLS]
require "sipmethods"

rounds = (ARGV[0] || 10).to_i
calls = (ARGV[1] || 1_000_000).to_i
h = { "INVITE" => 1, "ACK" => 4, "BYE" => 8, "CANCEL" => 2, "OPTIONS" => 512, "REGISTER" => 32 }
name = %w[INV ITE].join
cases = [
  ["empty loop", -> { x = nil; i = 0; while i < calls; x = name; i += 1; end; x }],
  ["h[name] (Hash lookup)", -> { x = nil; i = 0; while i < calls; x = h[name]; i += 1; end; x }],
  ["Sipmethods.lookup(name)", -> { x = nil; i = 0; while i < calls; x = Sipmethods.lookup(name); i += 1; end; x }],
  ["Sipmethods.is_token(name)", -> { x = nil; i = 0; while i < calls; x = Sipmethods.is_token(name); i += 1; end; x }],
]
best = [Float::INFINITY] * cases.size
rounds.times do
  cases.each_with_index do |(_, fn), i|
    t0 = Process.clock_gettime(Process::CLOCK_MONOTONIC)
    fn.call
    dt = Process.clock_gettime(Process::CLOCK_MONOTONIC) - t0
    best[i] = dt if dt < best[i]
  end
end
puts format("ruby %s: best of %d rounds x %d calls (ns per call, loop included)", RUBY_VERSION, rounds, calls)
cases.each_with_index { |(label, _), i| puts format("  %-32s %7.1f", label, best[i] / calls * 1e9) }
puts format("  lookup / hash lookup = %.2f", best[2] / best[1])
