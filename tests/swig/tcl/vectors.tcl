# The shared vectors (tests/vectors/vectors.tsv) through the SWIG Tcl package, then the errors.
# Usage: tclsh vectors.tcl <directory holding the sipmethods package> <vectors.tsv>
if {[llength $argv] != 2} {
    puts stderr "usage: tclsh vectors.tcl pkgdir vectors.tsv"
    exit 2
}
lassign $argv pkgdir path
set auto_path [linsert $auto_path 0 $pkgdir]
package require sipmethods

set passed 0
set failed 0
# A null field: Tcl has no null, so absent values are this marker (a dict leaves the key out).
set NULL "\uFFFF<null>"

proc show {v} {
    if {$v eq $::NULL} { return null }
    set out ""
    foreach c [split $v ""] {
        scan $c %c n
        if {$n < 0x21 || $n > 0x7e || $c eq "%"} {
            append out [format %%%02X $n]
        } else {
            append out $c
        }
    }
    return '$out'
}

# Equal as strings of bytes (each character one byte; values are byte arrays).
proc ok {label got want} {
    if {$got eq $want} {
        incr ::passed
        return 1
    }
    incr ::failed
    puts "FAIL $label: got [show $got], expected [show $want]"
    return 0
}

proc decode {f} {
    if {$f eq "%N"} { return $::NULL }
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

# A dict value, or NULL when the key is absent.
proc field {d key} {
    if {[dict exists $d $key]} { return [dict get $d $key] }
    return $::NULL
}

proc flag {b} { expr {$b ? 1 : 0} }

# Runs script: "ok <result>" or "error <message> <errorcode>".
proc attempt {script} {
    if {[catch {uplevel 1 $script} result opts]} {
        return [list error $result [dict get $opts -errorcode]]
    }
    return [list ok $result]
}

proc parse_error {label outcome name offset} {
    lassign $outcome status msg code
    if {$status ne "error" || [lindex $code 0] ne "SIPMETHODS"} {
        incr ::failed
        puts "FAIL $label: expected a SIPMETHODS error $name at $offset, got $outcome"
        return
    }
    ok "$label error" [lindex $code 1] $name
    ok "$label offset" [lindex $code 2] $offset
    set errcode [set sipmethods::[string range $name 3 end]]
    ok "$label message" $msg [sipmethods::error_format $errcode $offset]
}

set flags {has_response cancelable creates_dialog target_refresh offer_answer in_dialog_only}
set classify_keys {kind method_id method uri version status reason cseq cseq_method_id cseq_method
                   cseq_mismatch consumed}

proc check_method {index name id desc rfc refs letter cat tr args} {
    set l "method $name"
    foreach info [list [sipmethods::info_at $index] [sipmethods::info $id]] {
        ok "$l name" [dict get $info name] $name
        ok "$l id" [dict get $info id] $id
        ok "$l index" [dict get $info index] $index
        ok "$l description" [dict get $info description] $desc
        ok "$l rfc" [dict get $info rfc] $rfc
        ok "$l references" [join [dict get $info references] ", "] $refs
        ok "$l letter" [dict get $info letter] $letter
        ok "$l category" [dict get $info category] $cat
        ok "$l transaction" [dict get $info transaction] $tr
        foreach k $::flags want $args {
            ok "$l $k" [flag [dict get $info $k]] $want
        }
    }
    ok "$l name()" [sipmethods::name $id] $name
    ok "$l methods()" [lindex [sipmethods::methods] $index] $name
    ok "$l lookup" [sipmethods::lookup $name] $id
    ok "$l constant" [set sipmethods::$name] $id
}

proc check_lookup {input id id_ci is_token} {
    ok "lookup [show $input]" [sipmethods::lookup $input] $id
    ok "lookup_ci [show $input]" [sipmethods::lookup_ci $input] $id_ci
    ok "is_token [show $input]" [flag [sipmethods::is_token $input]] $is_token
}

proc check_letters {input set error offset} {
    set outcome [attempt {sipmethods::from_letters $input}]
    if {$error eq "OK"} {
        ok "letters [show $input]" $outcome [list ok $set]
    } else {
        parse_error "letters [show $input]" $outcome $error $offset
    }
}

proc check_reject {input allowed status} {
    ok "reject [show $input] $allowed" [sipmethods::reject_status $input $allowed] $status
}

proc check_allow_parse {input set exts error offset} {
    set outcome [attempt {sipmethods::allow_parse $input}]
    set l "allow_parse [show $input]"
    if {$error ne "OK"} {
        return [parse_error $l $outcome $error $offset]
    }
    if {![ok "$l returns" [lindex $outcome 0] ok]} { return }
    lassign [lindex $outcome 1] got_set got_exts
    ok "$l set" $got_set $set
    ok "$l exts" [join $got_exts ,] $exts
}

proc check_allow_format {set output} {
    ok "allow_format $set" [sipmethods::allow_format $set] $output
}

proc check_classify {input error offset args} {
    set outcome [attempt {sipmethods::classify $input}]
    set l "classify [show $input]"
    if {$error ne "OK"} {
        return [parse_error $l $outcome $error $offset]
    }
    if {![ok "$l returns" [lindex $outcome 0] ok]} { return }
    set m [lindex $outcome 1]
    foreach k $::classify_keys want $args {
        set got [field $m $k]
        if {$k eq "cseq_mismatch" && $got ne $::NULL} { set got [flag $got] }
        ok "$l $k" $got $want
    }
}

proc check_status {code reason rfc class equivalent deprecated} {
    set st [sipmethods::status $code]
    set got_reason [sipmethods::status_reason $code]
    if {$reason eq $::NULL} {
        ok "status $code reason" $got_reason ""
        ok "status $code record" $st ""
        ok "status $code rfc" $rfc $::NULL
    } else {
        ok "status $code reason" $got_reason $reason
        ok "status $code record" [dict get $st reason] $reason
        ok "status $code rfc" [dict get $st rfc] $rfc
        ok "status $code deprecated" [flag [dict get $st deprecated]] $deprecated
    }
    ok "status $code class" [sipmethods::status_class $code] $class
    ok "status $code equivalent" [sipmethods::status_equivalent $code] $equivalent
}

set groups {method lookup letters reject allow_parse allow_format classify status}
foreach g $groups { set seen($g) 0 }
set fh [open $path rb]
while {[gets $fh line] >= 0} {
    if {$line eq "" || [string index $line 0] eq "#"} { continue }
    set fields [split $line "\t"]
    set group [lindex $fields 0]
    if {$group ni $groups} {
        incr failed
        puts "FAIL unknown group $group"
        continue
    }
    incr seen($group)
    set values {}
    foreach f [lrange $fields 1 end] { lappend values [decode $f] }
    check_$group {*}$values
}
close $fh
foreach g $groups { ok "vectors of group $g" [expr {$seen($g) > 0}] 1 }

# --- Errors: SIPMETHODS errors for bad input, Tcl errors for wrong arguments, never a crash. --
parse_error "non-token method" [attempt {sipmethods::classify "INV@ITE sip:a@b SIP/2.0\r\n"}] SM_EMETHOD 3
parse_error "bad start line" [attempt {sipmethods::classify "INVITE <sip:a@b> SIP/2.0\r\n"}] SM_EURI 7
parse_error "no line end" [attempt {sipmethods::classify "INVITE sip:a@b SIP/2.0"}] SM_EEOL 22
parse_error "bad letters" [attempt {sipmethods::from_letters IAx}] SM_ELETTER 2
parse_error "bad allow" [attempt {sipmethods::allow_parse "INVITE ACK"}] SM_EALLOW 7
parse_error "non-token allow" [attempt {sipmethods::allow_parse "INVITE, A\0CK"}] SM_EALLOW 9
ok "non-token lookup is 0, not an error" [sipmethods::lookup "IN VITE"] 0
ok "non-token reject_status is 400" [sipmethods::reject_status "IN VITE" $sipmethods::ALL_METHODS] 400
ok "NUL is data" [sipmethods::lookup "INVITE\0"] 0
ok "NUL is data in a method" [sipmethods::is_token "A\0B"] 0
ok "info of a non-id is empty" [sipmethods::info 3] ""
ok "info_at past the end is empty" [sipmethods::info_at 14] ""
ok "status of a non-code is empty" [sipmethods::status 99] ""
ok "name of OTHER is empty" [sipmethods::name $sipmethods::OTHER] ""
set many {}
for {set i 1} {$i <= 100} {incr i} { lappend many X$i }
lassign [sipmethods::allow_parse "INVITE, [join $many {, }]"] set exts
ok "100 extensions" [llength $exts] 100
ok "100 extensions, set" $set $sipmethods::INVITE
ok "100 extensions, last" [lindex $exts 99] X100
foreach script {
    {sipmethods::lookup}
    {sipmethods::lookup a b}
    {sipmethods::reject_status X abc}
    {sipmethods::info abc}
    {sipmethods::info -1}
    {sipmethods::allow_format 1099511627776}
    {sipmethods::status_class x}
} {
    set outcome [attempt $script]
    ok "$script raises an error" [lindex $outcome 0] error
    ok "$script is no SIPMETHODS error" [expr {[lindex $outcome 2 0] eq "SIPMETHODS"}] 0
}

puts "$passed passed, $failed failed"
exit [expr {$failed ? 1 : 0}]
