package org.livecam.source;

import java.awt.Graphics2D;

/** Draws digits, ':' and '.' as seven-segment shapes with plain rectangles. */
final class SevenSegment {
    // Segments a..g as bits 0..6: a top, b upper right, c lower right, d bottom, e lower left, f upper left, g middle.
    private static final int[] DIGITS = {0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F};

    private SevenSegment() {
    }

    /** Draws {@code text} with its top-left corner at (x, y); {@code size} is the digit width. */
    static void draw(Graphics2D g, String text, int x, int y, int size) {
        int t = Math.max(2, size / 6);
        int h = size * 2;
        for (char c : text.toCharArray()) {
            if (c >= '0' && c <= '9') {
                int s = DIGITS[c - '0'];
                if ((s & 1) != 0) g.fillRect(x, y, size, t);
                if ((s & 2) != 0) g.fillRect(x + size - t, y, t, h / 2);
                if ((s & 4) != 0) g.fillRect(x + size - t, y + h / 2, t, h / 2);
                if ((s & 8) != 0) g.fillRect(x, y + h - t, size, t);
                if ((s & 16) != 0) g.fillRect(x, y + h / 2, t, h / 2);
                if ((s & 32) != 0) g.fillRect(x, y, t, h / 2);
                if ((s & 64) != 0) g.fillRect(x, y + h / 2 - t / 2, size, t);
                x += size + size / 2;
            } else if (c == ':') {
                g.fillRect(x, y + h / 3, t, t);
                g.fillRect(x, y + 2 * h / 3, t, t);
                x += t + size / 2;
            } else if (c == '.') {
                g.fillRect(x, y + h - t, t, t);
                x += t + size / 2;
            } else {
                x += size;
            }
        }
    }
}
