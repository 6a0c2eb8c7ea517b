// What one viewer of one camera sees: frames shown, fps over the last 3 s, and latency.

const WINDOW_MS = 3000;

export class FrameFigures {
  constructor() {
    this.frames = 0;
    this.latency = null;   // ms from the server receiving a frame to this page showing it
    this.times = [];
    this.onchange = () => {};
  }

  /** A frame is on screen; meta.time is when the server received it (0 or absent: unknown). */
  shown(meta) {
    const now = Date.now();
    this.frames++;
    // The first frame after (re)subscribing may be minutes old on a quiet camera: that is its
    // age, not the latency of the path, so latency counts from the second frame on.
    if (meta.time && this.frames > 1) this.latency = Math.max(0, now - meta.time);
    this.times.push(now);
    while (this.times.length && this.times[0] < now - WINDOW_MS) this.times.shift();
    this.onchange();
  }

  /** A frame is on screen that the page cannot time (an MJPEG <img> tells only of its first). */
  counted() {
    this.frames++;
    this.onchange();
  }

  fps() {
    const now = Date.now();
    const recent = this.times.filter(t => t >= now - WINDOW_MS);
    if (recent.length < 2) return 0;
    return (recent.length - 1) * 1000 / (recent[recent.length - 1] - recent[0] || 1);
  }
}
