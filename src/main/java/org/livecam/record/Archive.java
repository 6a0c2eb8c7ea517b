package org.livecam.record;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.livecam.config.ByteSize;
import org.livecam.frame.Frame;
import org.livecam.record.SegmentFormat.Entry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's recordings: its segments by start time, the newest appended to. Writing,
 * retention and deletion happen on the recorder's one thread; reads ({@link #frameAt},
 * {@link #replay}, {@link #summary}) on any thread, each through files of its own, and never
 * return a frame older than the policy keeps.
 */
public final class Archive {
    private static final Logger log = LoggerFactory.getLogger(Archive.class);

    private final String cameraId;
    private final Path dir;
    private final RecordPolicy policy;
    private final long segmentMaxBytes;
    private final Clock clock;
    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private Segment active; // recorder thread only, as are the fields below
    private Frame lastWritten;
    private boolean dirty;

    private Archive(String cameraId, Path dir, RecordPolicy policy, long segmentMaxBytes, Clock clock) {
        this.cameraId = cameraId;
        this.dir = dir;
        this.policy = policy;
        this.segmentMaxBytes = segmentMaxBytes;
        this.clock = clock;
    }

    /**
     * Opens (or makes) the archive in {@code dir}: finished segments as they are, the newest
     * checked record by record from its last index entry on, a torn tail cut and said once.
     */
    public static Archive open(Path dir, String cameraId, RecordPolicy policy, Clock clock) throws IOException {
        return open(dir, cameraId, policy, clock, Long.MAX_VALUE);
    }

    /** As above, on a file system with room for {@code diskBytes} of recordings (segments are sized by {@link RecordPolicy#segmentBytes}). */
    public static Archive open(Path dir, String cameraId, RecordPolicy policy, Clock clock, long diskBytes) throws IOException {
        Files.createDirectories(dir);
        Archive archive = new Archive(cameraId, dir, policy, policy.segmentBytes(diskBytes), clock);
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
            listing.forEach(f -> {
                if (Segment.isData(f)) {
                    files.add(f);
                }
            });
        }
        files.sort(null);
        long gap = policy.gap().toMillis();
        for (int i = 0; i < files.size(); i++) {
            Segment segment;
            if (i == files.size() - 1) {
                Segment.Recovery recovery = Segment.recover(files.get(i), gap);
                segment = recovery.segment();
                if (recovery.cutBytes() > 0) {
                    log.warn("Camera {}: cut a torn tail of {} bytes from {} (the server stopped while recording); {} whole frames kept in it",
                            cameraId, recovery.cutBytes(), files.get(i), segment.count());
                }
            } else {
                segment = Segment.load(files.get(i), gap);
            }
            if (segment.count() == 0) {
                segment.delete();
            } else {
                archive.segments.put(segment.start, segment);
            }
        }
        return archive;
    }

    public String cameraId() {
        return cameraId;
    }

    public RecordPolicy policy() {
        return policy;
    }

    /**
     * Appends a frame, unless it is the same picture as the last one written or older than it.
     * Recorder thread only. Returns true when it was written.
     */
    boolean append(Frame frame) throws IOException {
        long time = frame.receivedAt().toEpochMilli();
        if (lastWritten != null && (frame.sequence() <= lastWritten.sequence() || time < lastWritten.receivedAt().toEpochMilli()
                || (frame.size() == lastWritten.size() && frame.bytes().equals(lastWritten.bytes())))) {
            return false;
        }
        if (active != null && (active.bytes() + frame.size() > segmentMaxBytes || time - active.start >= segmentMaxMillis())) {
            active.finish();
            active = null;
        }
        if (active == null) {
            Map.Entry<Long, Segment> newest = segments.lastEntry();
            if (newest != null && newest.getValue().last() > time) {
                return false; // the clock went back: the index must stay in time order
            }
            active = Segment.create(dir, Math.max(time, newest == null ? time : newest.getKey() + 1), policy.gap().toMillis());
            segments.put(active.start, active);
        }
        active.append(frame);
        lastWritten = frame;
        dirty = true;
        return true;
    }

    /** Forces what was appended since the last call to disk. Recorder thread only. */
    void force() throws IOException {
        if (dirty && active != null) {
            active.force();
        }
        dirty = false;
    }

    /** Deletes whole segments past the policy's age and size. Recorder thread only. */
    void expire() throws IOException {
        long cutoff = cutoff();
        for (Segment segment : segments.values()) {
            if (segment.last() < cutoff) {
                delete(segment, "older than " + policy.keep());
            }
        }
        if (policy.maxBytes() > 0) {
            long total = bytes();
            for (Segment segment : segments.values()) {
                if (total <= policy.maxBytes()) {
                    break;
                }
                total -= segment.bytes();
                delete(segment, "over " + ByteSize.format(policy.maxBytes()));
            }
        }
    }

    /** The start of the oldest segment, or Long.MAX_VALUE when there is none. */
    long oldestStart() {
        Map.Entry<Long, Segment> oldest = segments.firstEntry();
        return oldest == null ? Long.MAX_VALUE : oldest.getKey();
    }

    /** Deletes the oldest segment, the active one included, to make room on the disk. Recorder thread only. */
    boolean deleteOldest(String why) throws IOException {
        Map.Entry<Long, Segment> oldest = segments.firstEntry();
        if (oldest == null) {
            return false;
        }
        delete(oldest.getValue(), why);
        return true;
    }

    private void delete(Segment segment, String why) throws IOException {
        segments.remove(segment.start);
        if (segment == active) {
            active = null;
        }
        segment.delete();
        log.debug("Camera {}: deleted recording segment {} ({})", cameraId, segment.start, why);
    }

    /** Forces and closes the writing side. Recorder thread only, or after it stopped. */
    void close() throws IOException {
        if (active != null) {
            active.finish();
            active = null;
        }
    }

    /** The recorded frame at or just before {@code time}, if one is kept and the camera was not off then. */
    public Optional<RecordedFrame> frameAt(Instant time) throws IOException {
        long t = time.toEpochMilli();
        long cutoff = cutoff();
        if (t < cutoff) {
            return Optional.empty();
        }
        for (Map.Entry<Long, Segment> e = segments.floorEntry(t); e != null; e = segments.lowerEntry(e.getKey())) {
            try (Segment.Reader reader = e.getValue().reader()) {
                int i = reader.floor(t);
                if (i < 0) {
                    continue; // a segment just begun, nothing readable in it yet
                }
                Entry entry = reader.entry(i);
                if (entry.time() < cutoff || t - entry.time() > policy.gap().toMillis()) {
                    return Optional.empty();
                }
                return Optional.of(reader.read(entry));
            } catch (NoSuchFileException deleted) {
                return Optional.empty(); // retention took it meanwhile
            }
        }
        return Optional.empty();
    }

    /** The frames from {@code from} to {@code to} (both included) in time order; close it after. */
    public ReplayCursor replay(Instant from, Instant to) {
        return new ReplayCursor(segments, Math.max(from.toEpochMilli(), cutoff()), to.toEpochMilli());
    }

    public ArchiveSummary summary() {
        long cutoff = cutoff();
        long gap = policy.gap().toMillis();
        List<Span> spans = new ArrayList<>();
        long frames = 0;
        long bytes = 0;
        for (Segment segment : segments.values()) {
            frames += segment.count();
            bytes += segment.bytes();
            for (Span span : segment.spans()) {
                if (span.to() < cutoff) {
                    continue;
                }
                Span kept = new Span(Math.max(span.from(), cutoff), span.to());
                Span previous = spans.isEmpty() ? null : spans.get(spans.size() - 1);
                if (previous != null && kept.from() - previous.to() <= gap) {
                    spans.set(spans.size() - 1, new Span(previous.from(), kept.to()));
                } else {
                    spans.add(kept);
                }
            }
        }
        Instant first = spans.isEmpty() ? null : Instant.ofEpochMilli(spans.get(0).from());
        Instant last = spans.isEmpty() ? null : Instant.ofEpochMilli(spans.get(spans.size() - 1).to());
        return new ArchiveSummary(cameraId, first, last, frames, bytes, List.copyOf(spans));
    }

    long bytes() {
        return segments.values().stream().mapToLong(Segment::bytes).sum();
    }

    private long cutoff() {
        return clock.millis() - policy.keep().toMillis();
    }

    /** An hour, or a 24th of the time kept (at least a minute), so that age deletes in small steps. */
    private long segmentMaxMillis() {
        long step = policy.keep().toMillis() / 24;
        return Math.max(Duration.ofMinutes(1).toMillis(), Math.min(Duration.ofHours(1).toMillis(), step));
    }
}
