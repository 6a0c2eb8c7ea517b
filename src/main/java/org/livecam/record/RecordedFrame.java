package org.livecam.record;

import java.time.Instant;

/** A frame read back from the archive: whole (its CRC was written with it), as it came. */
public record RecordedFrame(Instant time, long sequence, byte[] jpeg) {
}
