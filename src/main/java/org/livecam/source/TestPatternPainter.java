package org.livecam.source;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Paints the test pattern: colour bars drawn once, then per frame a sweeping bar, the UTC time
 * to the millisecond and the frame number in seven-segment digits (no font needed on a headless
 * server). Not thread-safe: one painter per source thread.
 */
final class TestPatternPainter {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final Color[] BARS = {
        new Color(192, 192, 192), new Color(192, 192, 0), new Color(0, 192, 192), new Color(0, 192, 0),
        new Color(192, 0, 192), new Color(192, 0, 0), new Color(0, 0, 192)
    };

    private final int width;
    private final int height;
    private final BufferedImage background;
    private final BufferedImage canvas;

    TestPatternPainter(int width, int height) {
        this.width = width;
        this.height = height;
        this.background = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        this.canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = background.createGraphics();
        for (int i = 0; i < BARS.length; i++) {
            g.setColor(BARS[i]);
            int x0 = i * width / BARS.length;
            g.fillRect(x0, 0, (i + 1) * width / BARS.length - x0, height);
        }
        g.dispose();
    }

    BufferedImage paint(long epochMillis, long frameNumber) {
        Graphics2D g = canvas.createGraphics();
        try {
            g.drawImage(background, 0, 0, null);
            int barWidth = Math.max(8, width / 40);
            long period = 4000;
            int x = (int) ((epochMillis % period) * (width - barWidth) / period);
            g.setColor(Color.WHITE);
            g.fillRect(x, 0, barWidth, height);

            int digit = Math.max(4, height / 20);
            int panelHeight = digit * 2 + digit / 2 + digit / 2;
            g.setColor(new Color(0, 0, 0, 200));
            g.fillRect(0, height - panelHeight * 2, width, panelHeight * 2);
            g.setColor(Color.WHITE);
            SevenSegment.draw(g, CLOCK.format(Instant.ofEpochMilli(epochMillis)), digit / 2, height - panelHeight * 2 + digit / 4, digit);
            g.setColor(new Color(255, 220, 0));
            SevenSegment.draw(g, Long.toString(frameNumber), digit / 2, height - panelHeight + digit / 4, digit);
        } finally {
            g.dispose();
        }
        return canvas;
    }
}
