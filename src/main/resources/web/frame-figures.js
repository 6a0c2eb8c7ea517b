// What one viewer of one camera sees: frames shown, fps over the last 3 s, and latency.

const WINDOW_MS = 3000;

export class FrameFigures {
  constructor() {
    this.frames = 0;
    this.latency = null;   // ms from the server receiving a frame to this page showing it
    this.timed = true;     // false once frames come that carry no server time (an MJPEG <img>)
    this.times = [];
    this.onchange = () => {};
  }

  /** A frame is on screen; meta.time is when the server received it (0 or absent: unknown). */
  shown(meta) {
    this.frames++;
    // The first frame after (re)subscribing may be minutes old on a quiet camera: that is its
    // age, not the latency of the path, so latency counts from the second frame on.
    if (meta.time && this.frames > 1) this.latency = Math.max(0, Date.now() - meta.time);
    this.mark();
  }

  /** A frame is on screen that the page cannot time: it counts for fps, and latency is unknown. */
  counted() {
    this.frames++;
    this.timed = false;
    this.latency = null;
    this.mark();
  }

  fps() {
    const now = Date.now();
    const recent = this.times.filter(t => t >= now - WINDOW_MS);
    if (recent.length < 2) return 0;
    return (recent.length - 1) * 1000 / (recent[recent.length - 1] - recent[0] || 1);
  }

  mark() {
    const now = Date.now();
    this.times.push(now);
    while (this.times.length && this.times[0] < now - WINDOW_MS) this.times.shift();
    this.onchange();
  }
}
