#!/usr/bin/perl
# SPDX-License-Identifier: MIT
# The shared vectors (tests/vectors/vectors.tsv) through the SWIG Perl module, then the errors.
# Usage: perl -I<build>/swig/perl vectors.pl <vectors.tsv>
use strict;
use warnings;
use sipmethods;

BEGIN { (my $dir = __FILE__) =~ s{[^/]*\z}{}; unshift @INC, $dir eq '' ? '.' : $dir }  # SmTest.pm
use SmTest;

sub bool { return $_[0] ? 1 : 0 }

# A call that must raise ParseError with this name and offset.
sub parse_error {
    my ($label, $err, $name, $offset) = @_;
    if (!defined $err || !ref $err || !$err->isa('sipmethods::ParseError')) {
        return fail("$label: expected ParseError $name at $offset, got ", (defined $err ? "'$err'" : 'no error'));
    }
    ok("$label error", $err->name, $name);
    ok("$label offset", $err->offset, $offset);
    ok("$label code", sipmethods::errname($err->code), $name);
    ok("$label message", "$err", sipmethods::error_format($err->code, $offset));
}

my %groups = (
    method => sub {
        my ($index, $name, $id, $desc, $rfc, $refs, $letter, $cat, $tr, @flags) = @_;
        my $l = "method $name";
        for my $info (sipmethods::info_at($index), sipmethods::info($id)) {
            ok("$l name", $info->{name}, $name);
            ok("$l id", $info->{id}, $id);
            ok("$l index", $info->{index}, $index);
            ok("$l description", $info->{description}, $desc);
            ok("$l rfc", $info->{rfc}, $rfc);
            ok("$l references", join(', ', @{ $info->{references} }), $refs);
            ok("$l letter", $info->{letter}, $letter eq '' ? undef : $letter);   # INFO: undef
            ok("$l category", $info->{category}, $cat);
            ok("$l transaction", $info->{transaction}, $tr);
            my @names = qw(has_response cancelable creates_dialog target_refresh offer_answer in_dialog_only);
            ok("$l $names[$_]", bool($info->{ $names[$_] }), $flags[$_]) for 0 .. $#names;
        }
        ok("$l name()", sipmethods::name($id), $name);
        ok("$l methods()", (sipmethods::methods())[$index], $name);
        ok("$l lookup", sipmethods::lookup($name), $id);
        ok("$l constant", sipmethods->can($name)->(), $id);
    },
    lookup => sub {
        my ($in, $id, $id_ci, $is_token) = @_;
        ok('lookup ' . show($in), sipmethods::lookup($in), $id);
        ok('lookup_ci ' . show($in), sipmethods::lookup_ci($in), $id_ci);
        ok('is_token ' . show($in), bool(sipmethods::is_token($in)), $is_token);
    },
    letters => sub {
        my ($in, $set, $error, $offset) = @_;
        my $got;
        my $err = raised(sub { $got = sipmethods::from_letters($in) });
        if ($error eq 'OK') {
            ok('letters ' . show($in), $err // $got, $set);
        } else {
            parse_error('letters ' . show($in), $err, $error, $offset);
        }
    },
    reject => sub {
        my ($in, $allowed, $status) = @_;
        ok('reject ' . show($in) . " $allowed", sipmethods::reject_status($in, $allowed), $status);
    },
    allow_parse => sub {
        my ($in, $set, $exts, $error, $offset) = @_;
        my @got;
        my $err = raised(sub { @got = sipmethods::allow_parse($in) });
        my $l = 'allow_parse ' . show($in);
        if ($error eq 'OK') {
            return ok($l, $err, undef) if defined $err;
            ok("$l set", $got[0], $set);
            ok("$l exts", join(',', @{ $got[1] }), $exts);
        } else {
            parse_error($l, $err, $error, $offset);
        }
    },
    allow_format => sub {
        my ($set, $out) = @_;
        ok("allow_format $set", sipmethods::allow_format($set), $out);
    },
    classify => sub {
        my ($in, $error, $offset, @want) = @_;
        my $m;
        my $err = raised(sub { $m = sipmethods::classify($in) });
        my $l = 'classify ' . show($in);
        # A vector with a kind is a result (partial or not), whatever its error says.
        return parse_error($l, $err, $error, $offset) if !defined $want[0];
        return ok($l, $err, undef) if defined $err;
        my @keys = qw(kind method_id method uri version status reason cseq cseq_method_id cseq_method
                      cseq_mismatch partial consumed);
        for my $i (0 .. $#keys) {
            my $got = $m->{ $keys[$i] };
            $got = bool($got) if $keys[$i] =~ /^(cseq_mismatch|partial)$/ && defined $got;
            ok("$l $keys[$i]", $got, $want[$i]);
        }
    },
    status => sub {
        my ($code, $reason, $rfc, $class, $equivalent, $deprecated) = @_;
        my $st = sipmethods::status($code);
        ok("status $code reason", sipmethods::status_reason($code), $reason);
        ok("status $code record", defined $st ? $st->{reason} : undef, $reason);
        ok("status $code rfc", defined $st ? $st->{rfc} : undef, $rfc);
        ok("status $code deprecated", defined $st ? bool($st->{deprecated}) : 0, $deprecated);
        ok("status $code class", sipmethods::status_class($code), $class);
        ok("status $code equivalent", sipmethods::status_equivalent($code), $equivalent);
    },
);

my $path = shift @ARGV or die "usage: $0 vectors.tsv\n";
read_vectors($path, \%groups);

# --- Errors: ParseError for bad input, Perl's die for wrong arguments, never a crash. -------
parse_error('non-token method', raised(sub { sipmethods::classify("INV\@ITE sip:a\@b SIP/2.0\r\n") }),
    'SM_EMETHOD', 3);
parse_error('bad start line', raised(sub { sipmethods::classify("INVITE <sip:a\@b> SIP/2.0\r\n") }),
    'SM_EURI', 7);
parse_error('no line end', raised(sub { sipmethods::classify("INVITE sip:a\@b SIP/2.0") }), 'SM_EPARTIAL', 22);
{
    my $m = sipmethods::classify("INVITE sip:a\@b SIP/2.0\r\nVia: x\r\n");
    ok('cut in the headers: a result', ref $m, 'HASH');
    ok('cut in the headers: partial is true', $m->{partial} ? 1 : 0, 1);
    ok('cut in the headers: no cseq', $m->{cseq}, undef);
    ok('complete: partial is false', sipmethods::classify("INVITE sip:a\@b SIP/2.0\r\n\r\n")->{partial} ? 1 : 0, 0);
    ok('INFO has no letter', sipmethods::info(sipmethods::INFO)->{letter}, undef);
    ok('unknown error code has no name', sipmethods::errname(-100), undef);
}
parse_error('bad letters', raised(sub { sipmethods::from_letters('IAx') }), 'SM_ELETTER', 2);
parse_error('bad allow', raised(sub { sipmethods::allow_parse('INVITE ACK') }), 'SM_EALLOW', 7);
parse_error('non-token allow', raised(sub { sipmethods::allow_parse("INVITE, A\0CK") }), 'SM_EALLOW', 9);
{
    my $err = raised(sub { sipmethods::classify("INVITE <sip:a\@b> SIP/2.0\r\n") });
    ok('ParseError stringifies to its message', "$err", 'Request-URI is not scheme ":" ... at byte 7');
    ok('ParseError code', ref $err && $err->code, sipmethods::EURI);
}
ok('non-token lookup is 0, not an error', sipmethods::lookup("IN VITE"), 0);
ok('non-token reject_status is 400', sipmethods::reject_status("IN VITE", sipmethods::ALL_METHODS), 400);
ok('NUL is data', sipmethods::lookup("INVITE\0"), 0);
ok('info of a non-id is undef', sipmethods::info(3), undef);
ok('info_at past the end is undef', sipmethods::info_at(14), undef);
ok('status of a non-code is undef', sipmethods::status(99), undef);
ok('name of OTHER is undef', sipmethods::name(sipmethods::OTHER), undef);
{
    my $many = join ', ', map { "X$_" } 1 .. 100;
    my @got = sipmethods::allow_parse("INVITE, $many");
    ok('100 extensions', scalar @{ $got[1] }, 100);
    ok('100 extensions, last', $got[1][99], 'X100');
}
for my $case (
    [ 'lookup(undef)', sub { sipmethods::lookup(undef) } ],
    [ 'lookup([])', sub { sipmethods::lookup([]) } ],
    [ 'lookup({})', sub { sipmethods::lookup({}) } ],
    [ 'lookup()', sub { sipmethods::lookup() } ],
    [ 'lookup("a", "b")', sub { sipmethods::lookup('a', 'b') } ],
    [ 'classify(undef)', sub { sipmethods::classify(undef) } ],
    [ 'allow_parse([])', sub { sipmethods::allow_parse([]) } ],
    [ 'from_letters(undef)', sub { sipmethods::from_letters(undef) } ],
    [ 'reject_status("X", "abc")', sub { sipmethods::reject_status('X', 'abc') } ],
    [ 'info("abc")', sub { sipmethods::info('abc') } ],
    [ 'info(-1)', sub { sipmethods::info(-1) } ],
    [ 'allow_format(2**40)', sub { sipmethods::allow_format(2**40) } ],
) {
    my ($label, $code) = @$case;
    my $err = raised($code);
    ok("$label dies", defined $err ? 1 : 0, 1);
    ok("$label is no ParseError", (ref $err && eval { $err->isa('sipmethods::ParseError') }) ? 1 : 0, 0);
}

# --- No leak: repeated calls, errors included, leave the process size flat. --------------
memory_stays_flat('memory stays flat', 2048, 20000, 60000, sub {
    my ($n) = @_;
    for (1 .. $n) {
        my $m = sipmethods::classify("INVITE sip:a\@b SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n");
        my @a = sipmethods::allow_parse('INVITE, ' . join(',', map { "X$_" } 1 .. 20));
        my $i = sipmethods::info(1);
        eval { sipmethods::classify("INVITE <x> SIP/2.0\r\n") };
        eval { sipmethods::allow_parse('A B') };
        eval { sipmethods::lookup(undef) };
        my $f = sipmethods::allow_format(0x3fff);
    }
});

finish();
