package org.livecam.config;

import java.util.Locale;
import picocli.CommandLine;

/** Reads sizes as people write them: 500MB, 20GB, 64KB, 1TB or plain bytes (K, M, G, T are powers of 1024). */
public final class ByteSize {
    private ByteSize() {
    }

    /** Throws IllegalArgumentException naming the accepted forms. */
    public static long parse(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT).replaceAll("I?B$", "");
        try {
            int shift = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
                case 'K' -> 10;
                case 'M' -> 20;
                case 'G' -> 30;
                case 'T' -> 40;
                default -> 0;
            };
            String number = shift == 0 ? v : v.substring(0, v.length() - 1);
            double amount = Double.parseDouble(number.trim());
            if (amount < 0 || Double.isNaN(amount) || amount * (1L << shift) > Long.MAX_VALUE / 2) {
                throw new NumberFormatException();
            }
            return (long) (amount * (1L << shift));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a size such as 500MB, 20GB or 1048576");
        }
    }

    /** A size for people: 1.5 GB, 200 MB, 512 B. */
    public static String format(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double amount = bytes;
        int unit = 0;
        while (amount >= 1024 && unit < units.length - 1) {
            amount /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", amount, units[unit]);
    }

    /** The picocli converter for size flags. */
    public static final class Converter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
