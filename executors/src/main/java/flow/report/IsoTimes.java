package flow.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Epoch milliseconds of the UTC times flow writes ({@code 2026-12-05T06:35:46.755261790Z}, the
 * fraction optional), read by position: {@link Instant#parse} costs about a microsecond and a
 * report reads three times per attempt. Any other form goes through {@link Instant#parse}.
 */
final class IsoTimes {
    private IsoTimes() {}

    /** @return epoch milliseconds, or {@link Long#MIN_VALUE} when {@code text} is not a time */
    static long epochMillis(String text) {
        if (text.length() >= 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(text.length() - 1) == 'Z') {
            int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
            int hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
            int millis = fraction(text);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour < 24 && minute >= 0
                    && minute < 60 && second >= 0 && second < 60 && millis >= 0) {
                try {
                    long days = LocalDate.of(year, month, day).toEpochDay();
                    return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
                } catch (DateTimeException notADay) {
                    return Long.MIN_VALUE;
                }
            }
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeException notATime) {
            return Long.MIN_VALUE;
        }
    }

    /** The digits of {@code text} from {@code at}, or -1 if one is not a digit. */
    private static int digits(String text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Milliseconds of the fraction after the seconds: 0 without one, -1 if it is not digits. */
    private static int fraction(String text) {
        int end = text.length() - 1;
        if (end == 19) return 0;
        if (text.charAt(19) != '.' || end == 20) return -1;
        int millis = 0;
        for (int i = 20; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return -1;
            if (i < 23) millis = millis * 10 + (c - '0');
        }
        for (int i = Math.min(end, 23); i < 23; i++) millis *= 10;
        return millis;
    }
}
