# SPDX-License-Identifier: MIT
# The shared vectors (tests/vectors/vectors.tsv) through the SWIG Tcl package, then the errors.
# Usage: tclsh vectors.tcl <directory holding the sipmethods package> <vectors.tsv>
if {[llength $argv] != 2} {
    puts stderr "usage: tclsh vectors.tcl pkgdir vectors.tsv"
    exit 2
}
lassign $argv pkgdir path
set auto_path [linsert $auto_path 0 $pkgdir]
package require sipmethods
source [file join [file dirname [info script]] smtest.tcl]

proc flag {b} { expr {$b eq "" ? "" : $b ? 1 : 0} }

set flags {has_response cancelable creates_dialog target_refresh offer_answer in_dialog_only}
# Every record has every key; a value that does not apply is "" (as a vector's null decodes).
set classify_keys {kind method_id method uri version status reason cseq cseq_method_id cseq_method
                   cseq_mismatch partial consumed}

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
    set l "letters [show $input]"
    if {$error ne "OK"} {
        return [parse_error $l [list sipmethods::from_letters $input] $error $offset]
    }
    ok $l [attempt [list sipmethods::from_letters $input]] [list ok $set]
}

proc check_reject {input allowed status} {
    ok "reject [show $input] $allowed" [sipmethods::reject_status $input $allowed] $status
}

proc check_allow_parse {input set exts error offset} {
    set l "allow_parse [show $input]"
    if {$error ne "OK"} {
        return [parse_error $l [list sipmethods::allow_parse $input] $error $offset]
    }
    set outcome [attempt [list sipmethods::allow_parse $input]]
    if {![ok "$l returns" [lindex $outcome 0] ok]} { return }
    lassign [lindex $outcome 1] got_set got_exts
    ok "$l set" $got_set $set
    ok "$l exts" [join $got_exts ,] $exts
}

proc check_allow_format {set output} {
    ok "allow_format $set" [sipmethods::allow_format $set] $output
}

proc check_classify {input error offset args} {
    set l "classify [show $input]"
    # A vector with a kind is a result (partial or not), whatever its error says.
    if {[lindex $args 0] eq ""} {
        return [parse_error $l [list sipmethods::classify $input] $error $offset]
    }
    set outcome [attempt [list sipmethods::classify $input]]
    if {![ok "$l returns" [lindex $outcome 0] ok]} { return }
    set m [lindex $outcome 1]
    ok "$l keys" [dict keys $m] [list {*}$::classify_keys]
    foreach k $::classify_keys want $args {
        set got [dict get $m $k]
        if {$k in {cseq_mismatch partial}} { set got [flag $got] }
        ok "$l $k" $got $want
    }
}

proc check_status {code reason rfc class equivalent deprecated} {
    set st [sipmethods::status $code]
    ok "status $code reason" [sipmethods::status_reason $code] $reason
    if {$reason eq ""} {
        ok "status $code record" $st ""
    } else {
        ok "status $code record" [dict get $st reason] $reason
        ok "status $code rfc" [dict get $st rfc] $rfc
        ok "status $code deprecated" [flag [dict get $st deprecated]] $deprecated
    }
    ok "status $code class" [sipmethods::status_class $code] $class
    ok "status $code equivalent" [sipmethods::status_equivalent $code] $equivalent
}

read_vectors $path {method lookup letters reject allow_parse allow_format classify status}

# --- Errors: SIPMETHODS errors for bad input, Tcl errors for wrong arguments, never a crash. --
parse_error "non-token method" {sipmethods::classify "INV@ITE sip:a@b SIP/2.0\r\n"} SM_EMETHOD 3
parse_error "bad start line" {sipmethods::classify "INVITE <sip:a@b> SIP/2.0\r\n"} SM_EURI 7
parse_error "no line end" {sipmethods::classify "INVITE sip:a@b SIP/2.0"} SM_EPARTIAL 22
parse_error "bad letters" {sipmethods::from_letters IAx} SM_ELETTER 2
parse_error "bad allow" {sipmethods::allow_parse "INVITE ACK"} SM_EALLOW 7
parse_error "non-token allow" {sipmethods::allow_parse "INVITE, A\0CK"} SM_EALLOW 9
set m [sipmethods::classify "INVITE sip:a@b SIP/2.0\r\nVia: x\r\n"]
ok "cut in the headers: partial is true" [dict get $m partial] 1
ok "cut in the headers: no cseq" [dict get $m cseq] ""
ok "complete: partial is false" [dict get [sipmethods::classify "INVITE sip:a@b SIP/2.0\r\n\r\n"] partial] 0
ok "INFO has no letter" [dict get [sipmethods::info $sipmethods::INFO] letter] ""
ok "a response's method is empty" [dict get [sipmethods::classify "SIP/2.0 200 OK\r\n\r\n"] method] ""
ok "an unknown error code has no name" [sipmethods::errname -100] ""
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
    wrong "$script raises a Tcl error" $script
}

finish
