/* SPDX-License-Identifier: MIT */
// Hostile input through the SWIG Java binding: null, NUL, non-UTF-8, empty and 8 MB inputs,
// out-of-range ints. Nothing may crash (run under -Xcheck:jni); null throws
// NullPointerException, bad SIP input a sipmethods.ParseException.
// Usage: java -cp sipmethods.jar:sipmethods-tests.jar HostileTest
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import sipmethods.Allow;
import sipmethods.Message;
import sipmethods.ParseException;
import sipmethods.sipmethods;

public final class HostileTest {
    private static int passed;
    private static int failed;

    private interface Call {
        Object run() throws Exception;
    }

    private static String show(Object v) {
        if (v == null)
            return "null";
        String s = v instanceof byte[] ? Arrays.toString((byte[]) v) : v.toString();
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    private static void ok(String label, Object got, Object want) {
        boolean same = got == null ? want == null
            : (got instanceof byte[] && want instanceof byte[]) ? Arrays.equals((byte[]) got, (byte[]) want)
            : got.equals(want);
        if (same) {
            passed++;
        } else {
            failed++;
            System.out.println("FAIL " + label + ": got " + show(got) + ", expected " + show(want));
        }
    }

    private static void returns(String label, Call c, Object want) {
        try {
            ok(label, c.run(), want);
        } catch (Throwable t) {
            failed++;
            System.out.println("FAIL " + label + ": threw " + t);
        }
    }

    private static void throwsNpe(String label, Call c) {
        try {
            Object r = c.run();
            failed++;
            System.out.println("FAIL " + label + ": returned " + show(r));
        } catch (NullPointerException e) {
            passed++;
        } catch (Throwable t) {
            failed++;
            System.out.println("FAIL " + label + ": threw " + t);
        }
    }

    private static void parseError(String label, Call c, String name, long offset) {
        try {
            Object r = c.run();
            failed++;
            System.out.println("FAIL " + label + ": returned " + show(r) + ", expected " + name);
        } catch (ParseException e) {
            ok(label + " name", e.getName(), name);
            ok(label + " offset", e.getOffset(), offset);
        } catch (Throwable t) {
            failed++;
            System.out.println("FAIL " + label + ": threw " + t);
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static void main(String[] args) {
        final int all = sipmethods.ALL_METHODS;
        final byte[] nullBytes = null;
        final String nullString = null;
        final byte[] big = new byte[8 * 1024 * 1024];
        Arrays.fill(big, (byte) 'A');
        final String bigString = new String(big, StandardCharsets.ISO_8859_1);

        // --- null for every string argument, both overloads. -------------------------------
        throwsNpe("lookup(null byte[])", () -> sipmethods.lookup(nullBytes));
        throwsNpe("lookup(null String)", () -> sipmethods.lookup(nullString));
        throwsNpe("lookup_ci(null byte[])", () -> sipmethods.lookup_ci(nullBytes));
        throwsNpe("lookup_ci(null String)", () -> sipmethods.lookup_ci(nullString));
        throwsNpe("is_token(null byte[])", () -> sipmethods.is_token(nullBytes));
        throwsNpe("is_token(null String)", () -> sipmethods.is_token(nullString));
        throwsNpe("from_letters(null byte[])", () -> sipmethods.from_letters(nullBytes));
        throwsNpe("from_letters(null String)", () -> sipmethods.from_letters(nullString));
        throwsNpe("reject_status(null byte[])", () -> sipmethods.reject_status(nullBytes, all));
        throwsNpe("reject_status(null String)", () -> sipmethods.reject_status(nullString, all));
        throwsNpe("classify(null byte[])", () -> sipmethods.classify(nullBytes));
        throwsNpe("classify(null String)", () -> sipmethods.classify(nullString));
        throwsNpe("allow_parse(null byte[])", () -> sipmethods.allow_parse(nullBytes));
        throwsNpe("allow_parse(null String)", () -> sipmethods.allow_parse(nullString));

        // --- NUL bytes are data. -------------------------------------------------------------------
        returns("lookup(\"INVITE\\0\")", () -> sipmethods.lookup("INVITE\0"), 0);
        returns("lookup(byte[] INVITE\\0)", () -> sipmethods.lookup(b("INVITE\0")), 0);
        returns("lookup(\"\\0INVITE\")", () -> sipmethods.lookup("\0INVITE"), 0);
        returns("lookup_ci(\"invite\\0\")", () -> sipmethods.lookup_ci("invite\0"), 0);
        returns("is_token(\"A\\0B\")", () -> sipmethods.is_token("A\0B"), false);
        returns("reject_status(\"INVITE\\0\")", () -> sipmethods.reject_status("INVITE\0", all), 400);
        parseError("from_letters(\"I\\0\")", () -> sipmethods.from_letters("I\0"), "SM_ELETTER", 1);
        parseError("allow_parse(\"\\0\")", () -> sipmethods.allow_parse("\0"), "SM_EALLOW", 0);
        parseError("allow_parse(\"INVITE, A\\0CK\")", () -> sipmethods.allow_parse("INVITE, A\0CK"), "SM_EALLOW", 9);
        parseError("classify NUL in method", () -> sipmethods.classify("INV\0ITE sip:a@b SIP/2.0\r\n"), "SM_EMETHOD", 3);
        parseError("classify NUL in URI", () -> sipmethods.classify("INVITE sip:a\0b SIP/2.0\r\n"), "SM_EURI", 7);
        parseError("classify NUL in reason", () -> sipmethods.classify("SIP/2.0 200 O\0K\r\n"), "SM_EREASON", 13);
        parseError("classify NUL in CSeq",
            () -> sipmethods.classify("INVITE sip:a@b SIP/2.0\r\nCSeq: 1 INV\0ITE\r\n\r\n"), "SM_ECSEQ", 35);
        returns("lookup(8 MB of NUL)", () -> sipmethods.lookup(new byte[big.length]), 0);

        // --- Non-UTF-8 bytes; non-ASCII Strings go in as UTF-8. -------------------------------------
        returns("lookup(INV\\xff)", () -> sipmethods.lookup(b("INV\u00ff")), 0);
        returns("is_token(\\xff)", () -> sipmethods.is_token(b("\u00ff")), false);
        returns("reject_status(\\xfe\\xff)", () -> sipmethods.reject_status(b("\u00fe\u00ff"), all), 400);
        returns("lookup(\"INVIT\\u0145\")", () -> sipmethods.lookup("INVIT\u0145"), 0);
        returns("lookup(lone surrogate)", () -> sipmethods.lookup("INVITE\ud800"), 0);
        parseError("from_letters(\\xff)", () -> sipmethods.from_letters(b("\u00ff")), "SM_ELETTER", 0);
        parseError("allow_parse(\\xff)", () -> sipmethods.allow_parse(b("\u00ff")), "SM_EALLOW", 0);
        parseError("classify non-UTF-8 URI", () -> sipmethods.classify(b("INVITE sip:\u00ff@b SIP/2.0\r\n")), "SM_EURI", 7);
        parseError("classify String offset in UTF-8 bytes",
            () -> sipmethods.classify("SIP/2.0 200 \u00e9\0\r\n"), "SM_EREASON", 14);
        returns("classify non-UTF-8 reason bytes",
            () -> sipmethods.classify(b("SIP/2.0 200 \u00ff\u00fe\r\n")).getReasonBytes(), b("\u00ff\u00fe"));
        returns("classify non-UTF-8 reason text",
            () -> sipmethods.classify(b("SIP/2.0 200 \u00ff\u00fe\r\n")).getReason(), "\ufffd\ufffd");
        returns("classify non-UTF-8 reason consumed",
            () -> sipmethods.classify(b("SIP/2.0 200 \u00ff\u00fe\r\n")).getConsumed(), 16);

        // --- Empty inputs. ----------------------------------------------------------------------------
        returns("lookup(\"\")", () -> sipmethods.lookup(""), 0);
        returns("lookup(new byte[0])", () -> sipmethods.lookup(new byte[0]), 0);
        returns("lookup_ci(\"\")", () -> sipmethods.lookup_ci(""), 0);
        returns("is_token(\"\")", () -> sipmethods.is_token(""), false);
        returns("reject_status(\"\")", () -> sipmethods.reject_status("", all), 400);
        returns("from_letters(\"\")", () -> sipmethods.from_letters(""), 0);
        returns("allow_parse(\"\") set", () -> sipmethods.allow_parse("").getSet(), 0);
        returns("allow_parse(\"\") exts", () -> sipmethods.allow_parse("").getExtensions().length, 0);
        parseError("classify(\"\")", () -> sipmethods.classify(new byte[0]), "SM_EPARTIAL", 0);
        returns("allow_format(0)", () -> sipmethods.allow_format(0), "");

        // --- 8 MB inputs. -----------------------------------------------------------------------------
        returns("lookup(8 MB)", () -> sipmethods.lookup(big), sipmethods.OTHER);
        returns("lookup(8 MB String)", () -> sipmethods.lookup(bigString), sipmethods.OTHER);
        returns("lookup_ci(8 MB)", () -> sipmethods.lookup_ci(big), sipmethods.OTHER);
        returns("is_token(8 MB)", () -> sipmethods.is_token(big), true);
        returns("reject_status(8 MB)", () -> sipmethods.reject_status(big, all), 501);
        returns("from_letters(8 MB of A)", () -> sipmethods.from_letters(big), sipmethods.ACK);
        returns("allow_parse(8 MB) set", () -> sipmethods.allow_parse(big).getSet(), 0);
        returns("allow_parse(8 MB) extension", () -> sipmethods.allow_parse(big).getExtensions()[0].length(), big.length);
        parseError("classify(8 MB)", () -> sipmethods.classify(big), "SM_EPARTIAL", 8388608);
        returns("classify 8 MB URI", () -> {
            byte[] m = new byte[big.length + 24];
            System.arraycopy(b("INVITE sip:"), 0, m, 0, 11);
            Arrays.fill(m, 11, 11 + big.length, (byte) 'a');
            System.arraycopy(b("@b SIP/2.0\r\n"), 0, m, 11 + big.length, 12);
            return sipmethods.classify(Arrays.copyOf(m, 11 + big.length + 12)).getUriBytes().length;
        }, big.length + 6);

        // --- ints out of range: a negative id or set is read unsigned, a negative index is none. --------
        for (int v : new int[] {-1, 0, Integer.MAX_VALUE, Integer.MIN_VALUE, 3}) {
            returns("name(" + v + ")", () -> sipmethods.name(v), null);
            returns("info(" + v + ")", () -> sipmethods.info(v), null);
            returns("status_reason(" + v + ")", () -> sipmethods.status_reason(v), null);
            returns("status(" + v + ")", () -> sipmethods.status(v), null);
            returns("status_class(" + v + ")", () -> sipmethods.status_class(v), 0);
            returns("status_equivalent(" + v + ")", () -> sipmethods.status_equivalent(v), 0);
            returns("errname(" + v + ")", () -> sipmethods.errname(v), v == -1 ? "SM_EPARTIAL" : null);
            returns("strerror(" + v + ")", () -> sipmethods.strerror(v) != null, true);
        }
        for (int v : new int[] {-1, Integer.MAX_VALUE, Integer.MIN_VALUE, sipmethods.METHOD_COUNT}) {
            returns("info_at(" + v + ")", () -> sipmethods.info_at(v), null);
        }
        for (int v : new int[] {-1, Integer.MAX_VALUE, Integer.MIN_VALUE, sipmethods.STATUS_COUNT}) {
            returns("status_at(" + v + ")", () -> sipmethods.status_at(v), null);
        }
        // A set is 32 bits: -1 is the set of every bit (the vectors' 4294967295), not a special case.
        returns("allow_format(-1)", () -> sipmethods.allow_format(-1), sipmethods.allow_format(all));
        returns("allow_format(MIN_VALUE)", () -> sipmethods.allow_format(Integer.MIN_VALUE), "");
        returns("reject_status(INVITE, -1)", () -> sipmethods.reject_status("INVITE", -1), 0);
        returns("reject_status(X, 0)", () -> sipmethods.reject_status("X", 0), 501);
        returns("error_format(0, 0)", () -> sipmethods.error_format(0, 0), "unknown error at byte 0");
        returns("error_format(-1, MAX_VALUE)", () -> sipmethods.error_format(-1, Integer.MAX_VALUE),
            "message cut short: the input ends before its header block does at byte 2147483647");
        returns("error_format(MIN_VALUE, 5)", () -> sipmethods.error_format(Integer.MIN_VALUE, 5), "unknown error at byte 5");
        returns("error_format(-1, -1) does not crash", () -> sipmethods.error_format(-1, -1) != null, true);

        returns("lookup still works", () -> sipmethods.lookup("INVITE"), sipmethods.INVITE);

        // --- No leak of local references or native memory over 100k rounds (failing calls too). ----------
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 100000; i++) {
            sipmethods.classify("INVITE sip:a@b SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n");
            sipmethods.allow_parse("INVITE, X1, X2, X3, X4, X5, X6, X7, X8, X9, X10, X11, X12, X13, X14, X15, X16, X17");
            try { sipmethods.classify("INV\0ITE sip:a@b SIP/2.0\r\n"); } catch (ParseException e) { }
            try { sipmethods.lookup(nullBytes); } catch (NullPointerException e) { }
        }
        returns("still works after 100k rounds", () -> sipmethods.lookup("BYE"), sipmethods.BYE);

        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }
}
