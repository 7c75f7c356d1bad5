/* SPDX-License-Identifier: MIT */
// The shared vectors (tests/vectors/vectors.tsv) through the SWIG Java binding, then the errors.
// Usage: java -cp sipmethods.jar:sipmethods-tests.jar VectorsTest <vectors.tsv>
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import sipmethods.Allow;
import sipmethods.Message;
import sipmethods.MethodInfo;
import sipmethods.ParseException;
import sipmethods.StatusInfo;
import sipmethods.sipmethods;

public final class VectorsTest {
    private static int passed;
    private static int failed;
    /** The JSON file the current vector comes from (a "#@ FILE.json" line), named by every failure. */
    private static String source;

    private interface Call {
        Object run();
    }

    /** Bytes shown with %XX escapes, as in vectors.tsv. */
    private static String show(Object v) {
        if (v == null)
            return "null";
        byte[] b = v instanceof byte[] ? (byte[]) v : v.toString().getBytes(StandardCharsets.UTF_8);
        StringBuilder s = new StringBuilder("'");
        for (byte x : b) {
            int c = x & 0xff;
            if (c < 0x21 || c > 0x7e || c == '%')
                s.append(String.format("%%%02X", c));
            else
                s.append((char) c);
        }
        return s.append("'").toString();
    }

    private static byte[] bytes(Object v) {
        if (v instanceof byte[])
            return (byte[]) v;
        return v.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Equal as bytes (Strings as their UTF-8, numbers in decimal); null only equals null. */
    private static boolean ok(String label, Object got, Object want) {
        boolean same = got == null ? want == null : want != null && Arrays.equals(bytes(got), bytes(want));
        if (same) {
            passed++;
        } else {
            fail(label + ": got " + show(got) + ", expected " + show(want));
        }
        return same;
    }

    /** Counts one check that failed and prints why, with the vector's JSON file if any. */
    private static void fail(String message) {
        failed++;
        System.out.println("FAIL " + (source == null ? "" : "[" + source + "] ") + message);
    }

    private static String flag(boolean b) {
        return b ? "1" : "0";
    }

    private static int num(byte[] f) {
        return Integer.parseInt(new String(f, StandardCharsets.US_ASCII));
    }

    /** A set: 32 bits, written unsigned in the vectors, an int (two's complement) in Java. */
    private static int set(byte[] f) {
        return Integer.parseUnsignedInt(new String(f, StandardCharsets.US_ASCII));
    }

    private static String str(byte[] f) {
        return f == null ? null : new String(f, StandardCharsets.UTF_8);
    }

    private static byte[] decode(String f) {
        if (f.equals("%N"))
            return null;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c == '%') {
                out.write(Integer.parseInt(f.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /** What call throws, or null when it returns. */
    private static RuntimeException raised(Call call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static void parseError(String label, RuntimeException e, byte[] name, byte[] offset) {
        if (!(e instanceof ParseException)) {
            fail(label + ": expected ParseException " + str(name) + " at " + str(offset) + ", got " + e);
            return;
        }
        ParseException p = (ParseException) e;
        ok(label + " is an IllegalArgumentException", flag(p instanceof IllegalArgumentException), "1");
        ok(label + " error", p.getName(), name);
        ok(label + " offset", Long.toString(p.getOffset()), offset);
        ok(label + " code", sipmethods.errname(p.getCode()), name);
        ok(label + " message", p.getMessage(), sipmethods.error_format(p.getCode(), (int) p.getOffset()));
    }

    private static String join(String[] items, String sep) {
        return String.join(sep, items);
    }

    private static void method(byte[][] f) {
        int index = num(f[0]);
        int id = num(f[2]);
        String l = "method " + str(f[1]);
        for (MethodInfo info : new MethodInfo[] {sipmethods.info_at(index), sipmethods.info(id)}) {
            ok(l + " name", info.getName(), f[1]);
            ok(l + " id", Integer.toString(info.getId()), f[2]);
            ok(l + " index", Integer.toString(info.getIndex()), f[0]);
            ok(l + " description", info.getDescription(), f[3]);
            ok(l + " rfc", info.getRfc(), f[4]);
            ok(l + " references", join(info.getReferences(), ", "), f[5]);
            ok(l + " letter", info.getLetter(), f[6].length == 0 ? null : f[6]); // INFO: null
            ok(l + " category", info.getCategory(), f[7]);
            ok(l + " transaction", info.getTransaction(), f[8]);
            ok(l + " has_response", flag(info.hasResponse()), f[9]);
            ok(l + " cancelable", flag(info.isCancelable()), f[10]);
            ok(l + " creates_dialog", flag(info.createsDialog()), f[11]);
            ok(l + " target_refresh", flag(info.isTargetRefresh()), f[12]);
            ok(l + " offer_answer", flag(info.isOfferAnswer()), f[13]);
            ok(l + " in_dialog_only", flag(info.isInDialogOnly()), f[14]);
        }
        ok(l + " name()", sipmethods.name(id), f[1]);
        ok(l + " methods()", sipmethods.methods()[index], f[1]);
        ok(l + " lookup", Integer.toString(sipmethods.lookup(f[1])), f[2]);
        try {
            ok(l + " constant", sipmethods.class.getField(str(f[1])).get(null).toString(), f[2]);
        } catch (ReflectiveOperationException e) {
            ok(l + " constant", e.toString(), f[2]);
        }
    }

    private static void lookup(byte[][] f) {
        String l = show(f[0]);
        ok("lookup " + l, Integer.toString(sipmethods.lookup(f[0])), f[1]);
        ok("lookup_ci " + l, Integer.toString(sipmethods.lookup_ci(f[0])), f[2]);
        ok("is_token " + l, flag(sipmethods.is_token(f[0])), f[3]);
    }

    private static void letters(byte[][] f) {
        int[] got = new int[1];
        RuntimeException e = raised(() -> got[0] = sipmethods.from_letters(f[0]));
        String l = "letters " + show(f[0]);
        if (str(f[2]).equals("OK"))
            ok(l, e != null ? e.toString() : Integer.toString(got[0]), f[1]);
        else
            parseError(l, e, f[2], f[3]);
    }

    private static void reject(byte[][] f) {
        ok("reject " + show(f[0]) + " " + str(f[1]),
            Integer.toString(sipmethods.reject_status(f[0], set(f[1]))), f[2]);
    }

    private static void allowParse(byte[][] f) {
        Allow[] got = new Allow[1];
        RuntimeException e = raised(() -> got[0] = sipmethods.allow_parse(f[0]));
        String l = "allow_parse " + show(f[0]);
        if (!str(f[3]).equals("OK")) {
            parseError(l, e, f[3], f[4]);
            return;
        }
        if (e != null) {
            ok(l, e.toString(), null);
            return;
        }
        ok(l + " set", Integer.toString(got[0].getSet()), f[1]);
        ok(l + " exts", join(got[0].getExtensions(), ","), f[2]);
    }

    private static void allowFormat(byte[][] f) {
        ok("allow_format " + str(f[0]), sipmethods.allow_format(set(f[0])), f[1]);
    }

    private static String text(Integer i) {
        return i == null ? null : i.toString();
    }

    private static void classify(byte[][] f) {
        Message[] got = new Message[1];
        RuntimeException e = raised(() -> got[0] = sipmethods.classify(f[0]));
        String l = "classify " + show(f[0]);
        // A vector with a kind is a result (partial or not), whatever its error says.
        if (f[3] == null) {
            parseError(l, e, f[1], f[2]);
            return;
        }
        if (e != null) {
            ok(l, e.toString(), null);
            return;
        }
        Message m = got[0];
        ok(l + " kind", m.getKind(), f[3]);
        ok(l + " method_id", text(m.getMethodId()), f[4]);
        ok(l + " method", m.getMethodBytes(), f[5]);
        ok(l + " uri", m.getUriBytes(), f[6]);
        ok(l + " version", m.getVersionBytes(), f[7]);
        ok(l + " status", text(m.getStatus()), f[8]);
        ok(l + " reason", m.getReasonBytes(), f[9]);
        ok(l + " cseq", text(m.getCseq()), f[10]);
        ok(l + " cseq_method_id", text(m.getCseqMethodId()), f[11]);
        ok(l + " cseq_method", m.getCseqMethodBytes(), f[12]);
        ok(l + " cseq_mismatch", m.getCseqMismatch() == null ? null : flag(m.getCseqMismatch()), f[13]);
        ok(l + " partial", flag(m.isPartial()), f[14]);
        ok(l + " consumed", Integer.toString(m.getConsumed()), f[15]);
    }

    private static void status(byte[][] f) {
        int code = num(f[0]);
        StatusInfo st = sipmethods.status(code);
        String l = "status " + code;
        ok(l + " reason", sipmethods.status_reason(code), f[1]);
        ok(l + " record", st == null ? null : st.getReason(), f[1]);
        ok(l + " rfc", st == null ? null : st.getRfc(), f[2]);
        ok(l + " deprecated", st == null ? "0" : flag(st.isDeprecated()), f[5]);
        ok(l + " class", Integer.toString(sipmethods.status_class(code)), f[3]);
        ok(l + " equivalent", Integer.toString(sipmethods.status_equivalent(code)), f[4]);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void errors() {
        parseError("non-token method", raised(() -> sipmethods.classify("INV@ITE sip:a@b SIP/2.0\r\n")),
            b("SM_EMETHOD"), b("3"));
        parseError("bad start line", raised(() -> sipmethods.classify("INVITE <sip:a@b> SIP/2.0\r\n")),
            b("SM_EURI"), b("7"));
        parseError("no line end", raised(() -> sipmethods.classify("INVITE sip:a@b SIP/2.0")),
            b("SM_EPARTIAL"), b("22"));
        Message cut = sipmethods.classify("INVITE sip:a@b SIP/2.0\r\nVia: x\r\n");
        ok("cut in the headers: partial is true", flag(cut.isPartial()), "1");
        ok("cut in the headers: no cseq", cut.getCseq(), null);
        ok("complete: partial is false", flag(sipmethods.classify("INVITE sip:a@b SIP/2.0\r\n\r\n").isPartial()), "0");
        ok("INFO has no letter", sipmethods.info(sipmethods.INFO).getLetter(), null);
        ok("an unknown error code has no name", sipmethods.errname(-100), null);
        parseError("bad letters", raised(() -> sipmethods.from_letters("IAx")), b("SM_ELETTER"), b("2"));
        parseError("bad allow", raised(() -> sipmethods.allow_parse("INVITE ACK")), b("SM_EALLOW"), b("7"));
        parseError("non-token allow", raised(() -> sipmethods.allow_parse(b("INVITE, A\0CK"))),
            b("SM_EALLOW"), b("9"));
        // A String is read as its UTF-8 bytes: offsets count bytes.
        parseError("offset in UTF-8 bytes", raised(() -> sipmethods.classify("\u00e9 sip:a SIP/2.0\r\n")),
            b("SM_EMETHOD"), b("0"));
        parseError("offset after UTF-8", raised(() -> sipmethods.allow_parse("\u00e9")), b("SM_EALLOW"), b("0"));
        ok("UTF-8 reason", sipmethods.classify("SIP/2.0 200 caf\u00e9\r\n").getReason(), "caf\u00e9");
        ok("UTF-8 reason bytes", sipmethods.classify("SIP/2.0 200 caf\u00e9\r\n").getReasonBytes(),
            new byte[] {'c', 'a', 'f', (byte) 0xc3, (byte) 0xa9});
        ok("non-token lookup is 0, not an error", Integer.toString(sipmethods.lookup("IN VITE")), "0");
        ok("non-token reject_status is 400",
            Integer.toString(sipmethods.reject_status("IN VITE", sipmethods.ALL_METHODS)), "400");
        ok("NUL is data", Integer.toString(sipmethods.lookup(b("INVITE\0"))), "0");
        ok("empty byte[]", Integer.toString(sipmethods.lookup(new byte[0])), "0");
        ok("info of a non-id is null", sipmethods.info(3), null);
        ok("info of a negative int is null", sipmethods.info(-1), null);
        ok("info_at past the end is null", sipmethods.info_at(14), null);
        ok("info_at -1 is null", sipmethods.info_at(-1), null);
        ok("status of a non-code is null", sipmethods.status(99), null);
        ok("name of OTHER is null", sipmethods.name(sipmethods.OTHER), null);
        StringBuilder many = new StringBuilder("INVITE");
        for (int i = 1; i <= 100; i++)
            many.append(", X").append(i);
        Allow a = sipmethods.allow_parse(many.toString());
        ok("100 extensions", Integer.toString(a.getExtensions().length), "100");
        ok("100 extensions, set", Integer.toString(a.getSet()), Integer.toString(sipmethods.INVITE));
        ok("100 extensions, last", a.getExtensions()[99], "X100");
        Object[][] nulls = {
            {"lookup((byte[]) null)", (Call) () -> sipmethods.lookup((byte[]) null)},
            {"lookup((String) null)", (Call) () -> sipmethods.lookup((String) null)},
            {"classify((byte[]) null)", (Call) () -> sipmethods.classify((byte[]) null)},
            {"allow_parse((byte[]) null)", (Call) () -> sipmethods.allow_parse((byte[]) null)},
            {"from_letters((byte[]) null)", (Call) () -> sipmethods.from_letters((byte[]) null)},
            {"reject_status(null, 0)", (Call) () -> sipmethods.reject_status((byte[]) null, 0)},
            {"is_token((byte[]) null)", (Call) () -> sipmethods.is_token((byte[]) null)},
        };
        for (Object[] c : nulls) {
            RuntimeException e = raised((Call) c[1]);
            ok(c[0] + " throws NullPointerException", flag(e instanceof NullPointerException), "1");
        }
        // Repeated calls, errors included, must not exhaust JNI local references or memory.
        byte[] msg = b("INVITE sip:a@b SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n");
        for (int i = 0; i < 20000; i++) {
            sipmethods.classify(msg);
            sipmethods.allow_parse(many.toString());
            raised(() -> sipmethods.classify("INVITE <x> SIP/2.0\r\n"));
        }
        ok("20000 rounds", "done", "done");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: VectorsTest vectors.tsv");
            System.exit(2);
        }
        Map<String, Integer> seen = new TreeMap<>();
        for (String g : new String[] {"method", "lookup", "letters", "reject", "allow_parse", "allow_format",
                                      "classify", "status"})
            seen.put(g, 0);
        List<String> lines = Files.readAllLines(Paths.get(args[0]), StandardCharsets.ISO_8859_1);
        for (String line : lines) {
            if (line.startsWith("#@ ")) {
                source = line.substring(3);
                continue;
            }
            if (line.isEmpty() || line.startsWith("#"))
                continue;
            String[] parts = line.split("\t", -1);
            List<byte[]> fields = new ArrayList<>();
            for (int i = 1; i < parts.length; i++)
                fields.add(decode(parts[i]));
            byte[][] f = fields.toArray(new byte[0][]);
            String group = parts[0];
            if (!seen.containsKey(group)) {
                fail("unknown group " + group);
                continue;
            }
            seen.put(group, seen.get(group) + 1);
            switch (group) {
                case "method": method(f); break;
                case "lookup": lookup(f); break;
                case "letters": letters(f); break;
                case "reject": reject(f); break;
                case "allow_parse": allowParse(f); break;
                case "allow_format": allowFormat(f); break;
                case "classify": classify(f); break;
                default: status(f); break;
            }
        }
        source = null;
        for (Map.Entry<String, Integer> e : seen.entrySet())
            ok("vectors of group " + e.getKey(), flag(e.getValue() > 0), "1");
        errors();
        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }
}
