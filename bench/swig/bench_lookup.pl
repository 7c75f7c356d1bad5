#!/usr/bin/perl
# SPDX-License-Identifier: MIT
# sipmethods::lookup (SWIG) against Perl's own hash lookup and a no-op sub, for the record.
# Best of ROUNDS interleaved rounds, ns per call (loop included).
# Usage: PERL5LIB=<build>/swig/perl perl bench/swig/bench_lookup.pl [ROUNDS] [CALLS]
use strict;
use warnings;
use Time::HiRes qw(time);
use sipmethods;

my $rounds = shift // 10;
my $calls = shift // 1_000_000;
my %h = (INVITE => 1, ACK => 4, BYE => 8, CANCEL => 2, OPTIONS => 512, REGISTER => 32);
my $name = join('', 'INV', 'ITE');
my $f = \&sipmethods::lookup;
my @cases = (
    ['empty loop', sub { my $x; for (1 .. $calls) { $x = $name } $x }],
    ['$h{$name} (hash lookup)', sub { my $x; for (1 .. $calls) { $x = $h{$name} } $x }],
    ['sipmethods::lookup($name)', sub { my $x; for (1 .. $calls) { $x = sipmethods::lookup($name) } $x }],
    ['sipmethods::is_token($name)', sub { my $x; for (1 .. $calls) { $x = sipmethods::is_token($name) } $x }],
);
my @best = map { 9e9 } @cases;
for (1 .. $rounds) {
    for my $i (0 .. $#cases) {
        my $t0 = time;
        $cases[$i][1]->();
        my $dt = time - $t0;
        $best[$i] = $dt if $dt < $best[$i];
    }
}
printf "perl %vd: best of %d rounds x %d calls (ns per call, loop included)\n", $^V, $rounds, $calls;
printf "  %-32s %7.1f\n", $cases[$_][0], $best[$_] / $calls * 1e9 for 0 .. $#cases;
printf "  lookup / hash lookup = %.2f\n", $best[2] / $best[1];
