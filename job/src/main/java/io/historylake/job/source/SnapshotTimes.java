package io.historylake.job.source;

import java.nio.charset.StandardCharsets;

/**
 * The encoding {@link SignedTimeDriver} and {@link ValueConversion#MICRO_TIME} agree on for TIME
 * values between -1 h and 0 in snapshot reads: their text form ({@code -00:MM:SS[.ffffff]}) has its
 * hours replaced by {@code -SHIFT_HOURS}, which Debezium's parser keeps negative; the value then
 * lies below TIME's minimum (-838:59:59) and is shifted back on conversion.
 */
final class SnapshotTimes {

    static final long SHIFT_HOURS = 1000;
    static final long SHIFT_MICROS = SHIFT_HOURS * 3_600_000_000L;

    /** MySQL's TIME range is -838:59:59.000000 .. 838:59:59.000000; anything below is shifted. */
    private static final long TIME_MIN_MICROS = -((838L * 3600 + 59 * 60 + 59) * 1_000_000L);

    private static final byte[] SHIFTED_HOURS =
            ("-" + SHIFT_HOURS).getBytes(StandardCharsets.US_ASCII);

    private SnapshotTimes() {}

    /**
     * The text to hand to Debezium's parser: {@code text} itself unless it is a negative TIME with
     * zero hours.
     */
    static byte[] shiftForParsing(byte[] text) {
        if (text.length < 2 || text[0] != '-') {
            return text;
        }
        int colon = 1;
        while (colon < text.length && text[colon] == '0') {
            colon++;
        }
        if (colon == 1 || colon >= text.length || text[colon] != ':') {
            return text;
        }
        byte[] out = new byte[SHIFTED_HOURS.length + text.length - colon];
        System.arraycopy(SHIFTED_HOURS, 0, out, 0, SHIFTED_HOURS.length);
        System.arraycopy(text, colon, out, SHIFTED_HOURS.length, text.length - colon);
        return out;
    }

    /** The TIME value in microseconds, with the snapshot's shift taken off. */
    static long unshift(long micros) {
        return micros < TIME_MIN_MICROS ? micros + SHIFT_MICROS : micros;
    }
}
