package org.livecam.record;

import static org.livecam.record.SegmentFormat.ENTRY_BYTES;
import static org.livecam.record.SegmentFormat.HEADER_BYTES;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.livecam.frame.Frame;
import org.livecam.record.SegmentFormat.Entry;

/**
 * One segment of a camera's archive: {@code START.seg} and {@code START.idx} (START is the first
 * frame's epoch ms, so names sort by time). Appended to by the recorder's thread while it is the
 * newest, read by anyone through a {@link Reader} of their own (the files are append-only and
 * each index entry is written after its record, so a reader never sees an entry without its
 * JPEG). The summary (first, last, frames, spans) is kept in memory, guarded by this.
 */
final class Segment {
    final long start;
    private final Path data;
    private final Path index;
    private final long gapMillis;
    private FileChannel dataOut; // the recorder thread's, while this segment is appended to
    private FileChannel indexOut;
    private long dataSize;
    private int count;
    private long last;
    private final List<long[]> spans = new ArrayList<>();

    private Segment(Path data, long start, long gapMillis) {
        this.data = data;
        this.index = sibling(data, SegmentFormat.INDEX_SUFFIX);
        this.start = start;
        this.gapMillis = gapMillis;
    }

    /** A new, empty segment for frames from {@code start} on, open for appending. */
    static Segment create(Path dir, long start, long gapMillis) throws IOException {
        Segment segment = new Segment(dir.resolve(String.format("%013d", start) + SegmentFormat.DATA_SUFFIX), start, gapMillis);
        segment.openForAppend();
        return segment;
    }

    /** A finished segment, trusted as it is (it was forced before the next began); its summary is read from its index. */
    static Segment load(Path data, long gapMillis) throws IOException {
        Segment segment = new Segment(data, startOf(data), gapMillis);
        try (Reader reader = segment.reader()) {
            for (int i = 0; i < reader.count(); i++) {
                segment.noted(reader.entry(i).time());
            }
            synchronized (segment) {
                segment.count = reader.count();
                segment.dataSize = Files.size(data);
            }
        }
        return segment;
    }

    /**
     * The newest segment after a stop that may have been a crash: keeps the whole records (their
     * CRCs match), cuts what follows, and makes the index say exactly those. Returns what it cut.
     */
    static Recovery recover(Path data, long gapMillis) throws IOException {
        Segment segment = new Segment(data, startOf(data), gapMillis);
        if (!Files.exists(segment.index)) {
            Files.createFile(segment.index);
        }
        List<Entry> kept = new ArrayList<>();
        long cutBytes;
        try (FileChannel d = FileChannel.open(data, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel x = FileChannel.open(segment.index, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = d.size();
            int listed = (int) (x.size() / ENTRY_BYTES);
            int good = listed;
            Entry lastGood = null;
            while (good > 0 && lastGood == null) { // normally the last entry is whole: one record read
                Entry e = SegmentFormat.readEntry(x, good - 1);
                Entry checked = SegmentFormat.readRecord(d, (long) e.offset() - HEADER_BYTES, size);
                if (checked != null && checked.equals(e)) {
                    lastGood = e;
                } else {
                    good--;
                }
            }
            long end = lastGood == null ? 0 : lastGood.end();
            for (Entry more = SegmentFormat.readRecord(d, end, size); more != null; more = SegmentFormat.readRecord(d, end, size)) {
                kept.add(more); // whole records the index had not caught up with
                end = more.end();
            }
            cutBytes = size - end;
            d.truncate(end);
            x.truncate((long) good * ENTRY_BYTES);
            for (int i = 0; i < kept.size(); i++) {
                SegmentFormat.writeFully(x, (long) (good + i) * ENTRY_BYTES, SegmentFormat.entry(kept.get(i)));
            }
            d.force(true);
            x.force(true);
        }
        Segment loaded = load(data, gapMillis);
        return new Recovery(loaded, cutBytes);
    }

    /** A recovered segment and how many bytes of torn tail were cut from it. */
    record Recovery(Segment segment, long cutBytes) {
    }

    void openForAppend() throws IOException {
        dataOut = FileChannel.open(data, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        indexOut = FileChannel.open(index, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        synchronized (this) {
            dataSize = dataOut.size();
            count = (int) (indexOut.size() / ENTRY_BYTES);
        }
    }

    /** Appends a frame: its record, then its index entry. Recorder thread only. On failure the files are as before. */
    void append(Frame frame) throws IOException {
        long time = frame.receivedAt().toEpochMilli();
        ByteBuffer jpeg = frame.bytes();
        Entry entry = new Entry(time, frame.sequence(), (int) (dataSize + HEADER_BYTES), jpeg.remaining());
        try {
            SegmentFormat.writeFully(dataOut, dataSize, SegmentFormat.header(time, frame.sequence(), jpeg), jpeg);
            SegmentFormat.writeFully(indexOut, (long) count * ENTRY_BYTES, SegmentFormat.entry(entry));
        } catch (IOException e) {
            try {
                dataOut.truncate(dataSize);
                indexOut.truncate((long) count * ENTRY_BYTES);
            } catch (IOException ignored) {
                // the next start's recovery cuts what is left
            }
            throw e;
        }
        synchronized (this) {
            dataSize = entry.end();
            count++;
            noted(time);
        }
    }

    /** Makes what was appended durable: data first, so an index entry never outlives its record. */
    void force() throws IOException {
        if (dataOut != null) {
            dataOut.force(false);
            indexOut.force(false);
        }
    }

    /** Forces and closes the writing side; the segment stays readable. */
    void finish() throws IOException {
        if (dataOut != null) {
            force();
            dataOut.close();
            indexOut.close();
            dataOut = null;
            indexOut = null;
        }
    }

    boolean appendable() {
        return dataOut != null;
    }

    /** Removes both files; readers that have them open read on. */
    void delete() throws IOException {
        try {
            finish();
        } finally {
            Files.deleteIfExists(index);
            Files.deleteIfExists(data);
        }
    }

    synchronized long bytes() {
        return dataSize + (long) count * ENTRY_BYTES;
    }

    synchronized int count() {
        return count;
    }

    synchronized long last() {
        return last;
    }

    /** The spans of this segment, as copies. */
    synchronized List<Span> spans() {
        return spans.stream().map(s -> new Span(s[0], s[1])).toList();
    }

    private void noted(long time) {
        if (spans.isEmpty() || time - last > gapMillis) {
            spans.add(new long[] {time, time});
        } else {
            spans.get(spans.size() - 1)[1] = time;
        }
        last = time;
    }

    /** Opens the segment's files for reading. */
    Reader reader() throws IOException {
        return new Reader(FileChannel.open(data, StandardOpenOption.READ), FileChannel.open(index, StandardOpenOption.READ));
    }

    static boolean isData(Path file) {
        return file.getFileName().toString().matches("\\d{13}\\" + SegmentFormat.DATA_SUFFIX);
    }

    private static long startOf(Path data) {
        String name = data.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SegmentFormat.DATA_SUFFIX.length()));
    }

    private static Path sibling(Path data, String suffix) {
        String name = data.getFileName().toString();
        return data.resolveSibling(name.substring(0, name.length() - SegmentFormat.DATA_SUFFIX.length()) + suffix);
    }

    /** A segment's files open for reading: entries by position or time, and JPEGs. */
    static final class Reader implements AutoCloseable {
        private final FileChannel data;
        private final FileChannel index;
        private final int count;

        private Reader(FileChannel data, FileChannel index) throws IOException {
            this.data = data;
            this.index = index;
            this.count = (int) (index.size() / ENTRY_BYTES); // entries written later are left for the next reader
        }

        int count() {
            return count;
        }

        Entry entry(int i) throws IOException {
            return SegmentFormat.readEntry(index, i);
        }

        /** The position of the last entry at or before {@code time}, or -1. */
        int floor(long time) throws IOException {
            int lo = 0;
            int hi = count - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (entry(mid).time() <= time) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }

        /** The position of the first entry at or after {@code time}, or {@link #count} when none. */
        int ceiling(long time) throws IOException {
            int lo = 0;
            int hi = count;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (entry(mid).time() < time) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        RecordedFrame read(Entry entry) throws IOException {
            byte[] jpeg = SegmentFormat.readFully(data, entry.offset(), entry.length()).array();
            return new RecordedFrame(java.time.Instant.ofEpochMilli(entry.time()), entry.sequence(), jpeg);
        }

        @Override
        public void close() throws IOException {
            try {
                data.close();
            } finally {
                index.close();
            }
        }
    }
}
