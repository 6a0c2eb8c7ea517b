package org.livecam.record;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.livecam.frame.JpegCodec;

/** Distinct JPEGs with their number drawn on them, for telling recorded frames apart. */
public final class StampedJpegs {
    private StampedJpegs() {
    }

    public static byte[] number(int n) {
        BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(n * 37 % 256, n * 91 % 256, n * 13 % 256));
        g.fillRect(0, 0, 160, 120);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 40));
        g.drawString(Integer.toString(n), 10, 75);
        g.dispose();
        return JpegCodec.encode(image, 0.8f);
    }
}
