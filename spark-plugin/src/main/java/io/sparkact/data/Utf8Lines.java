package io.sparkact.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Strict UTF-8 decoding of one input line. A line with invalid UTF-8 is quarantined, not guessed at: its raw
 * text keeps every valid character and shows each invalid sequence as U+FFFD (what {@code new String(bytes,
 * UTF_8)} does), and the detail gives the first invalid bytes in hex with their file offset, so the exact bytes
 * can be found with {@code xxd -s OFFSET FILE} even though the raw text cannot show them.
 */
final class Utf8Lines {

    private Utf8Lines() { }

    /** The line as text, or throws naming the first invalid byte sequence and where it is in the file. */
    static String decode(byte[] bytes, int length, long lineOffset) throws Rejection {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        CharBuffer out = CharBuffer.allocate(length); // UTF-8 never needs more UTF-16 units than bytes
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) {
            r = d.flush(out);
        }
        if (!r.isError()) {
            return out.flip().toString();
        }
        int at = in.position();
        String hex = HexFormat.ofDelimiter(" 0x").withUpperCase().formatHex(bytes, at, at + r.length());
        int more = countInvalid(bytes, at + r.length(), length);
        throw new Rejection(BadReason.INVALID_UTF8, String.format(Locale.ROOT,
                "the line is not valid UTF-8: byte%s 0x%s at file offset %d%s; "
                        + "raw shows each invalid sequence as U+FFFD",
                r.length() == 1 ? "" : "s", hex, lineOffset + at,
                more == 0 ? "" : " (and " + more + " more invalid sequence" + (more == 1 ? "" : "s") + " after it)"));
    }

    /** The line with invalid sequences replaced by U+FFFD, for the quarantine's raw column. */
    static String lenient(byte[] bytes, int length) {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** Invalid sequences in bytes[from, to). */
    private static int countInvalid(byte[] bytes, int from, int to) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from);
        int n = 0;
        while (true) {
            CoderResult r = d.decode(in, out, true);
            if (!r.isError()) {
                return n;
            }
            n++;
            in.position(in.position() + r.length());
        }
    }
}
