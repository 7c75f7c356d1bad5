# SPDX-License-Identifier: MIT
# What the SWIG Tcl suites share (sourced after `package require sipmethods`): counting checks,
# showing values, catching errors, the vectors reader and the closing line.

set passed 0
set failed 0
# The JSON file the current vector comes from (a `#@ FILE.json` line), named by every failure.
set source ""

# A value for a message: its bytes, those outside 0x21..0x7E as %XX, cut after 60.
proc show {v} {
    set out ""
    foreach c [split $v ""] {
        scan $c %c n
        if {$n < 0x21 || $n > 0x7e || $c eq "%"} {
            append out [format %%%02X $n]
        } else {
            append out $c
        }
    }
    if {[string length $out] > 60} { set out "[string range $out 0 59]..." }
    return '$out'
}

# Counts one check that passed; 1.
proc pass {} {
    incr ::passed
    return 1
}

# Counts one check that failed and prints why (and the vector's JSON file, if any); 0.
proc fail {message} {
    incr ::failed
    set from [expr {$::source eq "" ? "" : "\[$::source\] "}]
    puts "FAIL $from$message"
    return 0
}

# Equal as strings (values are byte arrays: each character one byte).
proc ok {label got want} {
    if {$got eq $want} { return [pass] }
    return [fail "$label: got [show $got], expected [show $want]"]
}

# Runs script in the caller: "ok <result>" or "error <message> <errorcode>".
proc attempt {script} {
    if {[catch {uplevel 1 $script} result opts]} {
        return [list error $result [dict get $opts -errorcode]]
    }
    return [list ok $result]
}

# A script that must return want.
proc returns {label script want} {
    lassign [uplevel 1 [list attempt $script]] status result code
    if {$status ne "ok"} { return [fail "$label: error $code '$result'"] }
    return [ok $label $result $want]
}

# A wrong argument: a Tcl error whose -errorcode starts with one of codes (not SIPMETHODS).
proc wrong {label script {codes {SWIG NONE TCL}}} {
    lassign [uplevel 1 [list attempt $script]] status result code
    if {$status eq "ok"} { return [fail "$label: returned [show $result]"] }
    if {[lindex $code 0] ni $codes} { return [fail "$label: error $code '$result'"] }
    return [pass]
}

# Bad SIP input: the script must fail with -errorcode {SIPMETHODS name offset} and the core's
# message.
proc parse_error {label script name offset} {
    lassign [uplevel 1 [list attempt $script]] status result code
    if {$status ne "error" || [lindex $code 0] ne "SIPMETHODS"} {
        return [fail "$label: expected a SIPMETHODS error $name at $offset, got $status $code [show $result]"]
    }
    ok "$label errorcode" $code [list SIPMETHODS $name $offset]
    ok "$label message" $result [sipmethods::error_format [set sipmethods::[string range $name 3 end]] $offset]
}

# A vectors.tsv field: its bytes; %N (null) is the empty string, Tcl's null.
proc decode_field {f} {
    if {$f eq "%N"} { return "" }
    set out ""
    set i 0
    set n [string length $f]
    while {$i < $n} {
        set c [string index $f $i]
        if {$c eq "%"} {
            append out [binary format H2 [string range $f [expr {$i + 1}] [expr {$i + 2}]]]
            incr i 3
        } else {
            append out $c
            incr i
        }
    }
    return $out
}

# Runs each vector of vectors.tsv at path through the proc check_<group> {fields...}, with
# ::source naming its JSON file; then checks every group of groups had vectors.
proc read_vectors {path groups} {
    foreach g $groups { set seen($g) 0 }
    set fh [open $path rb]
    while {[gets $fh line] >= 0} {
        if {[string range $line 0 2] eq "#@ "} {
            set ::source [string range $line 3 end]
            continue
        }
        if {$line eq "" || [string index $line 0] eq "#"} { continue }
        set fields [split $line "\t"]
        set group [lindex $fields 0]
        if {$group ni $groups} {
            fail "unknown group $group"
            continue
        }
        incr seen($group)
        set values {}
        foreach f [lrange $fields 1 end] { lappend values [decode_field $f] }
        uplevel #0 [list check_$group {*}$values]
    }
    close $fh
    set ::source ""
    foreach g $groups { ok "vectors of group $g" [expr {$seen($g) > 0}] 1 }
}

# Prints the closing line and exits: non-zero if any check failed.
proc finish {} {
    puts "$::passed passed, $::failed failed"
    exit [expr {$::failed ? 1 : 0}]
}
