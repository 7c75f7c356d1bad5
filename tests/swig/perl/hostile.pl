#!/usr/bin/perl
# SPDX-License-Identifier: MIT
# Hostile input through the SWIG Perl module: wrong types, NUL, non-UTF-8, empty and 8 MB
# strings, out-of-range numbers, and a leak check. Nothing may crash; every wrong argument
# dies with SWIG's TypeError/OverflowError, every bad SIP input with a sipmethods::ParseError.
# Usage: perl -I<build>/swig/perl hostile.pl
use strict;
use warnings;
no warnings 'uninitialized';
use sipmethods;

BEGIN { (my $dir = __FILE__) =~ s{[^/]*\z}{}; unshift @INC, $dir eq '' ? '.' : $dir }  # SmTest.pm
use SmTest;

sub is_parse_error { my ($e) = @_; return ref $e && eval { $e->isa('sipmethods::ParseError') } }

sub parse_error {
    my ($label, $code, $name, $offset) = @_;
    my $err = raised($code);
    if (!is_parse_error($err)) {
        return fail("$label: expected ParseError $name at $offset, got ", (defined $err ? show("$err") : 'no error'));
    }
    ok("$label error", $err->name, $name);
    ok("$label offset", $err->offset, $offset);
}

# A wrong argument: dies with SWIG's TypeError/OverflowError (not a ParseError).
sub wrong {
    my ($label, $code, $kind) = @_;
    $kind //= qr/^(TypeError|OverflowError|ValueError) in method /;
    my $err = raised($code);
    return fail("$label: returned ", show($RES[0]), ', expected to die') if !defined $err;
    return fail("$label: died with ", show("$err")) if is_parse_error($err) || "$err" !~ $kind;
    pass();
}

# A call that must return (not die) the given first value.
sub returns {
    my ($label, $code, $want) = @_;
    my $err = raised($code);
    return ok($label, 'died: ' . "$err", show($want)) if defined $err;
    ok($label, $RES[0], $want);
}

my $ALL = sipmethods::ALL_METHODS;
my $OTHER = sipmethods::OTHER;
my $big = 'A' x (8 * 1024 * 1024);

# --- Wrong types for every string argument. --------------------------------------------------
my %string_fn = (
    lookup => sub { sipmethods::lookup(@_) },
    lookup_ci => sub { sipmethods::lookup_ci(@_) },
    is_token => sub { sipmethods::is_token(@_) },
    from_letters => sub { sipmethods::from_letters(@_) },
    reject_status => sub { sipmethods::reject_status($_[0], $ALL) },
    classify => sub { sipmethods::classify(@_) },
    allow_parse => sub { my @r = sipmethods::allow_parse(@_); @r },
);
my @bad_strings = (
    [ 'undef', undef ], [ 'integer 5', 5 ], [ 'float 1.5', 1.5 ], [ '[]', [] ], [ '{}', {} ],
    [ 'sub', sub { 1 } ], [ '\\"INVITE"', \'INVITE' ], [ 'glob', \*STDOUT ],
);
for my $f (sort keys %string_fn) {
    for my $b (@bad_strings) {
        wrong("$f($b->[0])", sub { $string_fn{$f}->($b->[1]) });
    }
}
# Argument counts.
for my $case (
    [ 'lookup()', sub { sipmethods::lookup() } ],
    [ 'lookup(a, b)', sub { sipmethods::lookup('a', 'b') } ],
    [ 'classify()', sub { sipmethods::classify() } ],
    [ 'reject_status("X")', sub { sipmethods::reject_status('X') } ],
    [ 'reject_status("X", 1, 2)', sub { sipmethods::reject_status('X', 1, 2) } ],
    [ 'name()', sub { sipmethods::name() } ],
    [ 'error_format(1)', sub { sipmethods::error_format(1) } ],
    [ 'methods(1)', sub { my @r = sipmethods::methods(1); @r } ],
    [ 'version(1)', sub { sipmethods::version(1) } ],
) {
    wrong($case->[0], $case->[1], qr/Usage|argument|TypeError/);
}
# Wrong types for the set of reject_status, and for every integer argument.
for my $b ([ '"abc"', 'abc' ], [ '[]', [] ], [ '{}', {} ], [ '1.5', 1.5 ], [ 'sub', sub { 1 } ]) {
    wrong("reject_status(INVITE, $b->[0])", sub { sipmethods::reject_status('INVITE', $b->[1]) });
    for my $f (qw(name info info_at status_reason status status_at status_class status_equivalent
                  strerror errname allow_format)) {
        no strict 'refs';
        wrong("$f($b->[0])", sub { &{"sipmethods::$f"}($b->[1]) });
    }
    wrong("error_format($b->[0], 0)", sub { sipmethods::error_format($b->[1], 0) });
    wrong("error_format(-1, $b->[0])", sub { sipmethods::error_format(-1, $b->[1]) });
}

# --- NUL bytes are data. -------------------------------------------------------------------------
returns('lookup("INVITE\0")', sub { sipmethods::lookup("INVITE\0") }, 0);
returns('lookup("\0INVITE")', sub { sipmethods::lookup("\0INVITE") }, 0);
returns('lookup_ci("invite\0")', sub { sipmethods::lookup_ci("invite\0") }, 0);
returns('is_token("A\0B")', sub { sipmethods::is_token("A\0B") ? 1 : 0 }, 0);
returns('reject_status("INVITE\0")', sub { sipmethods::reject_status("INVITE\0", $ALL) }, 400);
parse_error('from_letters("I\0")', sub { sipmethods::from_letters("I\0") }, 'SM_ELETTER', 1);
parse_error('allow_parse("\0")', sub { sipmethods::allow_parse("\0") }, 'SM_EALLOW', 0);
parse_error('allow_parse("INVITE, A\0CK")', sub { sipmethods::allow_parse("INVITE, A\0CK") }, 'SM_EALLOW', 9);
parse_error('classify NUL in method', sub { sipmethods::classify("INV\0ITE sip:a\@b SIP/2.0\r\n") }, 'SM_EMETHOD', 3);
parse_error('classify NUL in URI', sub { sipmethods::classify("INVITE sip:a\0b SIP/2.0\r\n") }, 'SM_EURI', 7);
parse_error('classify NUL in reason', sub { sipmethods::classify("SIP/2.0 200 O\0K\r\n") }, 'SM_EREASON', 13);
parse_error('classify NUL in CSeq', sub { sipmethods::classify("INVITE sip:a\@b SIP/2.0\r\nCSeq: 1 INV\0ITE\r\n\r\n") },
    'SM_ECSEQ', 35);
returns('lookup(8 MB of NUL)', sub { sipmethods::lookup("\0" x length $big) }, 0);

# --- Non-UTF-8 and wide strings. -----------------------------------------------------------------
returns('lookup("INV\xff")', sub { sipmethods::lookup("INV\xff") }, 0);
returns('is_token("\xff")', sub { sipmethods::is_token("\xff") ? 1 : 0 }, 0);
returns('reject_status("\xfe\xff")', sub { sipmethods::reject_status("\xfe\xff", $ALL) }, 400);
returns('lookup(wide "INVITE\x{263a}")', sub { sipmethods::lookup("INVITE\x{263a}") }, 0);
{   # A UTF-8-flagged string of ASCII is the same bytes.
    my $s = 'INVITE';
    utf8::upgrade($s);
    returns('lookup(upgraded "INVITE")', sub { sipmethods::lookup($s) }, sipmethods::INVITE);
}
parse_error('from_letters("\xff")', sub { sipmethods::from_letters("\xff") }, 'SM_ELETTER', 0);
parse_error('allow_parse("\xff")', sub { sipmethods::allow_parse("\xff") }, 'SM_EALLOW', 0);
parse_error('classify non-UTF-8 URI', sub { sipmethods::classify("INVITE sip:\xff\@b SIP/2.0\r\n") }, 'SM_EURI', 7);
{
    my $m;
    my $err = raised(sub { $m = sipmethods::classify("SIP/2.0 200 \xff\xfe\r\n") });
    ok('classify non-UTF-8 reason returns', $err, undef);
    ok('classify non-UTF-8 reason bytes', $m && $m->{reason}, "\xff\xfe");
    ok('classify non-UTF-8 reason consumed', $m && $m->{consumed}, 16);
}

# --- Empty strings. -------------------------------------------------------------------------------
returns('lookup("")', sub { sipmethods::lookup('') }, 0);
returns('lookup_ci("")', sub { sipmethods::lookup_ci('') }, 0);
returns('is_token("")', sub { sipmethods::is_token('') ? 1 : 0 }, 0);
returns('reject_status("")', sub { sipmethods::reject_status('', $ALL) }, 400);
returns('from_letters("")', sub { sipmethods::from_letters('') }, 0);
{
    my $err = raised(sub { sipmethods::allow_parse('') });
    ok('allow_parse("") returns', $err, undef);
    ok('allow_parse("") set', $RES[0], 0);
    ok('allow_parse("") exts', ref $RES[1] eq 'ARRAY' ? scalar @{ $RES[1] } : 'none', 0);
}
parse_error('classify("")', sub { sipmethods::classify('') }, 'SM_EPARTIAL', 0);
returns('allow_format(0)', sub { sipmethods::allow_format(0) }, '');

# --- 8 MB inputs. ---------------------------------------------------------------------------------
returns('lookup(8 MB)', sub { sipmethods::lookup($big) }, $OTHER);
returns('lookup_ci(8 MB)', sub { sipmethods::lookup_ci($big) }, $OTHER);
returns('is_token(8 MB)', sub { sipmethods::is_token($big) ? 1 : 0 }, 1);
returns('reject_status(8 MB)', sub { sipmethods::reject_status($big, $ALL) }, 501);
returns('from_letters(8 MB of A)', sub { sipmethods::from_letters($big) }, sipmethods::ACK);
{
    my $err = raised(sub { sipmethods::allow_parse($big) });
    ok('allow_parse(8 MB) returns', $err, undef);
    ok('allow_parse(8 MB) set', $RES[0], 0);
    ok('allow_parse(8 MB) one extension', ref $RES[1] eq 'ARRAY' ? scalar @{ $RES[1] } : 'none', 1);
    ok('allow_parse(8 MB) extension length', ref $RES[1] eq 'ARRAY' ? length $RES[1][0] : 'none', length $big);
}
parse_error('classify(8 MB)', sub { sipmethods::classify($big) }, 'SM_EPARTIAL', 8388608);
{
    my $m;
    my $err = raised(sub { $m = sipmethods::classify("INVITE sip:" . ('a' x 8388608) . "\@b SIP/2.0\r\n") });
    ok('classify 8 MB URI returns', $err, undef);
    ok('classify 8 MB URI length', $m && length $m->{uri}, 8388608 + 6);
}

# --- Numbers out of range. --------------------------------------------------------------------------
# uint32_t ids and sets, size_t indexes: a negative or a too large number dies; int codes
# take every int (no result / 0) and die beyond.
for my $f (qw(name info)) {
    no strict 'refs';
    my $fn = \&{"sipmethods::$f"};
    wrong("$f(-1)", sub { $fn->(-1) });
    returns("$f(0)", sub { $fn->(0) }, undef);
    returns("$f(2**31-1)", sub { $fn->(2**31 - 1) }, undef);
    returns("$f(2**31)", sub { $fn->(2**31) }, undef);
    returns("$f(2**32-1)", sub { $fn->(2**32 - 1) }, undef);
    wrong("$f(2**32+1)", sub { $fn->(2**32 + 1) });
    wrong("$f(-2**31)", sub { $fn->(-2**31) });
    wrong("$f(2**70)", sub { $fn->(2**70) });
    wrong("$f(-1e300)", sub { $fn->(-1e300) });
}
for my $f (qw(info_at status_at)) {
    no strict 'refs';
    my $fn = \&{"sipmethods::$f"};
    wrong("$f(-1)", sub { $fn->(-1) });
    returns("$f(2**31-1)", sub { $fn->(2**31 - 1) }, undef);
    returns("$f(2**32+1)", sub { $fn->(2**32 + 1) }, undef);
    returns("$f(2**53)", sub { $fn->(2**53) }, undef);
    wrong("$f(2**70)", sub { $fn->(2**70) });
}
returns('info_at(METHOD_COUNT)', sub { sipmethods::info_at(sipmethods::METHOD_COUNT) }, undef);
returns('status_at(STATUS_COUNT)', sub { sipmethods::status_at(sipmethods::STATUS_COUNT) }, undef);
for my $f (qw(status_reason status)) {
    no strict 'refs';
    my $fn = \&{"sipmethods::$f"};
    returns("$f($_)", sub { $fn->($_) }, undef) for -1, 0, 2**31 - 1, -2**31;
    wrong("$f(2**31)", sub { $fn->(2**31) });
    wrong("$f(2**32+1)", sub { $fn->(2**32 + 1) });
    wrong("$f(-2**31-1)", sub { $fn->(-2**31 - 1) });
}
for my $f (qw(status_class status_equivalent)) {
    no strict 'refs';
    my $fn = \&{"sipmethods::$f"};
    returns("$f($_)", sub { $fn->($_) }, 0) for -1, 0, 2**31 - 1, -2**31, 99, 700;
    wrong("$f(2**31)", sub { $fn->(2**31) });
    wrong("$f(2**32+1)", sub { $fn->(2**32 + 1) });
}
returns('strerror(0)', sub { sipmethods::strerror(0) }, 'unknown error');
returns('strerror(2**31-1)', sub { sipmethods::strerror(2**31 - 1) }, 'unknown error');
returns('strerror(-2**31)', sub { sipmethods::strerror(-2**31) }, 'unknown error');
returns('errname(0)', sub { sipmethods::errname(0) }, undef);
returns('errname(-2**31)', sub { sipmethods::errname(-2**31) }, undef);
wrong('strerror(2**32+1)', sub { sipmethods::strerror(2**32 + 1) });
wrong('errname(2**32+1)', sub { sipmethods::errname(2**32 + 1) });
returns('error_format(0, 0)', sub { sipmethods::error_format(0, 0) }, 'unknown error at byte 0');
returns('error_format(-1, 2**32+1)', sub { sipmethods::error_format(-1, 2**32 + 1) },
    'message cut short: the input ends before its header block does at byte 4294967297');
wrong('error_format(-1, -1)', sub { sipmethods::error_format(-1, -1) });
wrong('error_format(2**32+1, 0)', sub { sipmethods::error_format(2**32 + 1, 0) });
wrong('allow_format(-1)', sub { sipmethods::allow_format(-1) });
wrong('allow_format(2**32+1)', sub { sipmethods::allow_format(2**32 + 1) });
returns('allow_format(2**32-1)', sub { sipmethods::allow_format(2**32 - 1) }, sipmethods::allow_format($ALL));
returns('allow_format(2**31)', sub { sipmethods::allow_format(2**31) }, '');
wrong('reject_status("X", -1)', sub { sipmethods::reject_status('X', -1) });
wrong('reject_status("X", 2**32+1)', sub { sipmethods::reject_status('X', 2**32 + 1) });
returns('reject_status("INVITE", 2**32-1)', sub { sipmethods::reject_status('INVITE', 2**32 - 1) }, 0);

# SWIG's own Perl conversion let an NV of exactly 2**64 through as 0 and read undef or "" as 0;
# sipmethods_perl.i's typemap takes only whole numbers within the C type.
wrong('info_at(2**64)', sub { sipmethods::info_at(2**64) });
wrong('allow_format(2**64)', sub { sipmethods::allow_format(2**64) });
wrong('info_at(undef)', sub { sipmethods::info_at(undef) });
wrong('info_at("")', sub { sipmethods::info_at('') });
wrong('info_at(1.5)', sub { sipmethods::info_at(1.5) });
wrong('info_at("abc")', sub { sipmethods::info_at('abc') });
returns('info_at("3") (a numeric string is a number in Perl)', sub { sipmethods::info_at('3')->{name} }, 'CANCEL');

# --- No crash after all that: the module still answers. -------------------------------------------
returns('lookup still works', sub { sipmethods::lookup('INVITE') }, sipmethods::INVITE);

# --- No leak: 100k calls, failing ones included, leave the process size flat. ---------------------
my $msg = "INVITE sip:a\@b SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n";
my $allow = 'INVITE, ' . join(',', map { "X$_" } 1 .. 20);
memory_stays_flat('memory stays flat over 100k rounds', 1024, 10000, 100000, sub {
    my ($n) = @_;
    for (1 .. $n) {
        my $m = sipmethods::classify($msg);
        my @a = sipmethods::allow_parse($allow);
        my $i = sipmethods::info_at(3);
        my $s = sipmethods::status(486);
        my $f = sipmethods::allow_format(0x3fff);
        my $e = sipmethods::error_format(-5, 12);
        eval { sipmethods::classify("INV\0ITE sip:a\@b SIP/2.0\r\n") };
        eval { sipmethods::allow_parse("INVITE, A\0CK") };
        eval { sipmethods::from_letters('IAx') };
        eval { sipmethods::lookup(undef) };
        eval { sipmethods::lookup([]) };
        eval { sipmethods::info(-1) };
        eval { sipmethods::status('abc') };
    }
});

finish();
