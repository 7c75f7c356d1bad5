# SPDX-License-Identifier: MIT
# Hostile input through the SWIG Tcl package: wrong types, NUL, non-UTF-8, empty and 8 MB
# strings, out-of-range numbers. Nothing may crash; a wrong argument is a Tcl error (a bad
# integer with -errorcode {SWIG TypeError|OverflowError}), bad SIP input a {SIPMETHODS ...} error.
# Usage: tclsh hostile.tcl <build>/swig/tcl
lappend auto_path [lindex $argv 0]
package require sipmethods
source [file join [file dirname [info script]] smtest.tcl]

set ALL $sipmethods::ALL_METHODS
set big [string repeat A [expr {8 * 1024 * 1024}]]

# --- Wrong argument counts for every command that takes input. ---------------------------------
foreach f {lookup lookup_ci is_token from_letters classify allow_parse name info info_at status_reason
           status status_at status_class status_equivalent strerror errname allow_format} {
    wrong "$f with no argument" [list sipmethods::$f]
    wrong "$f with 3 arguments" [list sipmethods::$f a b c]
}
wrong {reject_status X} {sipmethods::reject_status X}
wrong {reject_status X 1 2} {sipmethods::reject_status X 1 2}
wrong {error_format 1} {sipmethods::error_format 1}
wrong {methods 1} {sipmethods::methods 1}
wrong {version 1} {sipmethods::version 1}
# Every value is a string in Tcl: a number or a list where a string belongs is its text.
returns {lookup 5} {sipmethods::lookup 5} $sipmethods::OTHER
returns {lookup {INVITE ACK}} {sipmethods::lookup {INVITE ACK}} 0
returns {lookup [dict create a b]} {sipmethods::lookup [dict create a b]} 0
returns {lookup 1.5} {sipmethods::lookup 1.5} $sipmethods::OTHER
returns {lookup -1} {sipmethods::lookup -1} $sipmethods::OTHER
# A string where an integer belongs.
foreach b {abc {} 1.5 {1 2} 5abc 0x {  } NaN Inf} {
    wrong "reject_status INVITE {$b}" [list sipmethods::reject_status INVITE $b] SWIG
    foreach f {name info info_at status_reason status status_at status_class status_equivalent
               strerror errname allow_format} {
        wrong "$f {$b}" [list sipmethods::$f $b] SWIG
    }
    wrong "error_format {$b} 0" [list sipmethods::error_format $b 0] SWIG
    wrong "error_format -1 {$b}" [list sipmethods::error_format -1 $b] SWIG
}

# --- NUL bytes are data. ---------------------------------------------------------------------------
returns {lookup INVITE\0} {sipmethods::lookup "INVITE\0"} 0
returns {lookup \0INVITE} {sipmethods::lookup "\0INVITE"} 0
returns {lookup_ci invite\0} {sipmethods::lookup_ci "invite\0"} 0
returns {is_token A\0B} {sipmethods::is_token "A\0B"} 0
returns {reject_status INVITE\0} {sipmethods::reject_status "INVITE\0" $ALL} 400
parse_error {from_letters I\0} {sipmethods::from_letters "I\0"} SM_ELETTER 1
parse_error {allow_parse \0} {sipmethods::allow_parse "\0"} SM_EALLOW 0
parse_error {allow_parse INVITE, A\0CK} {sipmethods::allow_parse "INVITE, A\0CK"} SM_EALLOW 9
parse_error {classify NUL in method} {sipmethods::classify "INV\0ITE sip:a@b SIP/2.0\r\n"} SM_EMETHOD 3
parse_error {classify NUL in URI} {sipmethods::classify "INVITE sip:a\0b SIP/2.0\r\n"} SM_EURI 7
parse_error {classify NUL in reason} {sipmethods::classify "SIP/2.0 200 O\0K\r\n"} SM_EREASON 13
parse_error {classify NUL in CSeq} {sipmethods::classify "INVITE sip:a@b SIP/2.0\r\nCSeq: 1 INV\0ITE\r\n\r\n"} SM_ECSEQ 35
returns {lookup 8 MB of NUL} {sipmethods::lookup [string repeat \0 [string length $big]]} 0

# --- Non-UTF-8 bytes and characters above U+00FF. ----------------------------------------------------
returns {lookup INV\xff} {sipmethods::lookup [binary format a*c INV 255]} 0
returns {is_token \xff} {sipmethods::is_token [binary format c 255]} 0
returns {reject_status \xfe\xff} {sipmethods::reject_status [binary format cc 254 255] $ALL} 400
returns {lookup UTF-8 of INVITE\u263a} {sipmethods::lookup [encoding convertto utf-8 "INVITE\u263a"]} 0
parse_error {from_letters \xff} {sipmethods::from_letters [binary format c 255]} SM_ELETTER 0
parse_error {allow_parse \xff} {sipmethods::allow_parse [binary format c 255]} SM_EALLOW 0
parse_error {classify non-UTF-8 URI} {sipmethods::classify "INVITE sip:\xff@b SIP/2.0\r\n"} SM_EURI 7
if {[catch {sipmethods::classify "SIP/2.0 200 \xff\xfe\r\n"} m]} {
    incr failed; puts "FAIL classify non-UTF-8 reason: $m"
} else {
    ok {classify non-UTF-8 reason bytes} [dict get $m reason] "\xff\xfe"
    ok {classify non-UTF-8 reason consumed} [dict get $m consumed] 16
}
# docs/swig.md: a character above U+00FF is cut to its low byte (Tcl 8 byte arrays).
if {[package vsatisfies [info patchlevel] 8-9]} {
    returns {lookup INVIT\u0145 (cut to INVITE)} {sipmethods::lookup "INVIT\u0145"} $sipmethods::INVITE
}

# --- Empty strings. ---------------------------------------------------------------------------------------
returns {lookup ""} {sipmethods::lookup ""} 0
returns {lookup_ci ""} {sipmethods::lookup_ci ""} 0
returns {is_token ""} {sipmethods::is_token ""} 0
returns {reject_status ""} {sipmethods::reject_status "" $ALL} 400
returns {from_letters ""} {sipmethods::from_letters ""} 0
returns {allow_parse ""} {sipmethods::allow_parse ""} {0 {}}
parse_error {classify ""} {sipmethods::classify ""} SM_EPARTIAL 0
returns {allow_format 0} {sipmethods::allow_format 0} ""

# --- 8 MB inputs. --------------------------------------------------------------------------------------------
returns {lookup 8 MB} {sipmethods::lookup $big} $sipmethods::OTHER
returns {lookup_ci 8 MB} {sipmethods::lookup_ci $big} $sipmethods::OTHER
returns {is_token 8 MB} {sipmethods::is_token $big} 1
returns {reject_status 8 MB} {sipmethods::reject_status $big $ALL} 501
returns {from_letters 8 MB of A} {sipmethods::from_letters $big} $sipmethods::ACK
returns {allow_parse 8 MB} {lassign [sipmethods::allow_parse $big] set exts; list $set [llength $exts] [string length [lindex $exts 0]]} [list 0 1 [string length $big]]
parse_error {classify 8 MB} {sipmethods::classify $big} SM_EPARTIAL 8388608
returns {classify 8 MB URI} {string length [dict get [sipmethods::classify "INVITE sip:[string repeat a 8388608]@b SIP/2.0\r\n"] uri]} [expr {8388608 + 6}]

# --- Numbers out of range: uint32_t/size_t refuse negatives, int takes every int. ------------------------
foreach f {name info} {
    foreach v {0 2147483647 2147483648 4294967295} { returns "$f $v" [list sipmethods::$f $v] "" }
    foreach v {-1 -2147483648 4294967297 18446744073709551616 -18446744073709551617} { wrong "$f $v" [list sipmethods::$f $v] SWIG }
}
foreach f {info_at status_at} {
    foreach v {2147483647 4294967297 9223372036854775807} { returns "$f $v" [list sipmethods::$f $v] "" }
    foreach v {-1 -2147483649 18446744073709551616} { wrong "$f $v" [list sipmethods::$f $v] SWIG }
}
returns {info_at METHOD_COUNT} {sipmethods::info_at $sipmethods::METHOD_COUNT} ""
returns {status_at STATUS_COUNT} {sipmethods::status_at $sipmethods::STATUS_COUNT} ""
foreach f {status_reason status} {
    foreach v {-1 0 2147483647 -2147483648} { returns "$f $v" [list sipmethods::$f $v] "" }
    foreach v {2147483648 4294967297 -2147483649 18446744073709551616} { wrong "$f $v" [list sipmethods::$f $v] SWIG }
}
foreach f {status_class status_equivalent} {
    foreach v {-1 0 2147483647 -2147483648 99 700} { returns "$f $v" [list sipmethods::$f $v] 0 }
    foreach v {2147483648 4294967297 -2147483649} { wrong "$f $v" [list sipmethods::$f $v] SWIG }
}
returns {strerror 0} {sipmethods::strerror 0} {unknown error}
returns {strerror -2147483648} {sipmethods::strerror -2147483648} {unknown error}
returns {errname 0} {sipmethods::errname 0} ""
wrong {strerror 4294967297} {sipmethods::strerror 4294967297} SWIG
wrong {errname -2147483649} {sipmethods::errname -2147483649} SWIG
returns {error_format 0 0} {sipmethods::error_format 0 0} {unknown error at byte 0}
returns {error_format -1 4294967297} {sipmethods::error_format -1 4294967297} {message cut short: the input ends before its header block does at byte 4294967297}
wrong {error_format -1 -1} {sipmethods::error_format -1 -1} SWIG
wrong {error_format 4294967297 0} {sipmethods::error_format 4294967297 0} SWIG
wrong {allow_format -1} {sipmethods::allow_format -1} SWIG
wrong {allow_format 4294967297} {sipmethods::allow_format 4294967297} SWIG
returns {allow_format 4294967295} {sipmethods::allow_format 4294967295} [sipmethods::allow_format $ALL]
returns {allow_format 2147483648} {sipmethods::allow_format 2147483648} ""
wrong {reject_status X -1} {sipmethods::reject_status X -1} SWIG
wrong {reject_status X 4294967297} {sipmethods::reject_status X 4294967297} SWIG
returns {reject_status INVITE 4294967295} {sipmethods::reject_status INVITE 4294967295} 0

returns {lookup still works} {sipmethods::lookup INVITE} $sipmethods::INVITE

finish
