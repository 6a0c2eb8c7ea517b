package org.livecam.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.livecam.frame.JpegCodec;

/**
 * A small ring of distinct JPEGs encoded once before the run, so the publisher spends no CPU on
 * encoding while it is being measured. The pattern (gradients, antialiased diagonal lines, a
 * moving disc and bar) is busy enough that a 720p frame is 50 to 100 KB, about what ffmpeg's testsrc2 gives.
 * Each frame already has room for a {@link FrameStamp}.
 */
final class BenchFrames {
    private final List<byte[]> frames;

    private BenchFrames(List<byte[]> frames) {
        this.frames = frames;
    }

    static BenchFrames make(int width, int height, int count, float quality) {
        List<byte[]> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add(FrameStamp.withRoom(JpegCodec.encode(paint(width, height, i, count), quality)));
        }
        return new BenchFrames(frames);
    }

    /** Frame {@code n} of the run (the ring repeats). Owned by the caller until the next call with the same slot. */
    byte[] get(long n) {
        return frames.get((int) (n % frames.size()));
    }

    int count() {
        return frames.size();
    }

    long averageBytes() {
        return (long) frames.stream().mapToInt(f -> f.length).average().orElse(0);
    }

    private static BufferedImage paint(int width, int height, int index, int count) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float phase = (float) index / count;
            g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(phase, 0.8f, 0.9f),
                    width, height, Color.getHSBColor(phase + 0.5f, 0.8f, 0.6f)));
            g.fillRect(0, 0, width, height);
            g.setColor(Color.WHITE);
            g.fillRect((int) (phase * width), 0, Math.max(8, width / 40), height);
            g.setColor(new Color(255, 220, 0));
            int r = height / 5;
            int cx = (int) (width / 2 + Math.cos(phase * 2 * Math.PI) * width / 3);
            int cy = (int) (height / 2 + Math.sin(phase * 2 * Math.PI) * height / 3);
            g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(Math.max(1, height / 180f)));
            for (int x = 0; x < width; x += Math.max(8, width / 16)) {
                g.drawLine(x, 0, x + height / 4, height);
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
