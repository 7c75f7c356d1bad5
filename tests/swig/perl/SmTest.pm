# SPDX-License-Identifier: MIT
# What the SWIG Perl suites share: counting checks, showing values, catching dies, a leak check.
package SmTest;
use strict;
use warnings;
use Exporter 'import';

our @EXPORT = qw(show ok pass fail raised @RES memory_stays_flat read_vectors finish);
our @RES;
# The JSON file the current vector comes from (a `#@ FILE.json` line), named by every failure.
our $SOURCE;
my ($passed, $failed) = (0, 0);

# A value for a message: undef, an array, or the string with bytes outside 0x21..0x7E as %XX.
sub show {
    my ($v) = @_;
    return 'undef' unless defined $v;
    return '[' . join(',', map { show($_) } @$v) . ']' if ref $v eq 'ARRAY';
    (my $s = "$v") =~ s/([^\x21-\x7e]|%)/sprintf('%%%02X', ord $1)/ge;
    return length($s) > 60 ? "'" . substr($s, 0, 60) . "...'" : "'$s'";
}

# Counts one check that passed; 1.
sub pass { $passed++; return 1 }

# Counts one check that failed and prints why (and the vector's JSON file, if any); 0.
sub fail { $failed++; print 'FAIL ', (defined $SOURCE ? "[$SOURCE] " : ''), @_, "\n"; return 0 }

# ok(label, got, expected): equal as byte strings, undef only equal to undef.
sub ok {
    my ($label, $got, $want) = @_;
    my $same = (!defined $got && !defined $want)
        || (defined $got && defined $want && "$got" eq "$want");
    return $same ? pass() : fail("$label: got ", show($got), ', expected ', show($want));
}

# The exception a call raises (undef when it returns); its result in list context in @RES.
sub raised {
    my ($code) = @_;
    @RES = ();
    my $ok = eval { @RES = $code->(); 1 };
    return $ok ? undef : ($@ || 'unknown error');
}

# A vectors.tsv field: undef for %N, else its bytes.
sub decode_field {
    my ($f) = @_;
    return undef if $f eq '%N';
    $f =~ s/%([0-9A-F]{2})/chr hex $1/ge;
    return $f;
}

# Runs each vector of vectors.tsv at path through $groups->{group}(fields...), with $SOURCE
# naming its JSON file; then checks every group had vectors.
sub read_vectors {
    my ($path, $groups) = @_;
    my %seen;
    open my $fh, '<:raw', $path or die "$path: $!\n";
    while (my $line = <$fh>) {
        $line =~ s/\r?\n\z//;
        if ($line =~ /^#@ (.*)/) {
            $SOURCE = $1;
            next;
        }
        next if $line eq '' || $line =~ /^#/;
        my ($group, @fields) = split /\t/, $line, -1;
        my $check = $groups->{$group} or do { fail("unknown group $group"); next };
        $seen{$group}++;
        $check->(map { decode_field($_) } @fields);
    }
    close $fh;
    $SOURCE = undef;
    ok("vectors of group $_", $seen{$_} ? 1 : 0, 1) for sort keys %$groups;
}

# The process's resident size in kB, or undef where /proc is missing.
sub rss_kb {
    open my $s, '<', '/proc/self/statm' or return undef;
    my @f = split ' ', scalar <$s>;
    return $f[1] * 4;
}

# Runs round(warm) once, then round(count), and checks the resident size grew less than
# budget_kb. Not checked under valgrind (tests/sanitize/memcheck.sh sets SIPMETHODS_MEMCHECK):
# the size says nothing there, and memcheck checks for leaks itself.
sub memory_stays_flat {
    my ($label, $budget_kb, $warm, $count, $round) = @_;
    return if !defined rss_kb() || $ENV{SIPMETHODS_MEMCHECK};
    $round->($warm);
    my $before = rss_kb();
    $round->($count);
    my $grown = rss_kb() - $before;
    ok("$label (grew ${grown} kB)", $grown < $budget_kb ? 1 : 0, 1);
}

# Prints the closing line and exits: non-zero if any check failed.
sub finish {
    print "$passed passed, $failed failed\n";
    exit($failed ? 1 : 0);
}

1;
