package org.livecam.record;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.NavigableMap;
import org.livecam.record.SegmentFormat.Entry;

/**
 * Reads an archive's frames in time order over a range, one segment's files open at a time.
 * Blocking: use it off the event loops, from one thread at a time.
 */
public final class ReplayCursor implements AutoCloseable {
    private final NavigableMap<Long, Segment> segments;
    private final long to;
    private long from;
    private Long segmentKey;
    private Segment.Reader reader;
    private int position;

    ReplayCursor(NavigableMap<Long, Segment> segments, long from, long to) {
        this.segments = segments;
        this.from = from;
        this.to = to;
        Long floor = segments.floorKey(from);
        this.segmentKey = floor != null ? floor : segments.ceilingKey(from);
    }

    /** The next frame in the range, or null at its end. */
    public RecordedFrame next() throws IOException {
        while (segmentKey != null && segmentKey <= to) {
            if (reader == null && !open()) {
                continue;
            }
            if (position < reader.count()) {
                Entry entry = reader.entry(position++);
                if (entry.time() > to) {
                    return null;
                }
                from = entry.time() + 1;
                return reader.read(entry);
            }
            closeReader();
            segmentKey = segments.higherKey(segmentKey);
        }
        return null;
    }

    private boolean open() throws IOException {
        Segment segment = segments.get(segmentKey);
        try {
            if (segment == null) {
                throw new NoSuchFileException(String.valueOf(segmentKey));
            }
            reader = segment.reader();
            position = reader.ceiling(from);
            return true;
        } catch (NoSuchFileException deleted) { // retention took it: go on with the next
            Map.Entry<Long, Segment> next = segments.higherEntry(segmentKey);
            segmentKey = next == null ? null : next.getKey();
            return false;
        }
    }

    private void closeReader() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeReader();
    }
}
