// The page's one WebSocket (/ws), shared by every camera on it, whatever their number: browsers
// open at most six HTTP/1.1 connections per host, so a grid of MJPEG <img>s stalls past six.
//
// Client to server: {"subscribe": id, ...options} and {"unsubscribe": id}. Server to client,
// per frame: a JSON text message {"type":"frame","camera":..,"seq":..,"time":..,"width":..,
// "height":..} and then the JPEG as a binary message; {"type":"error","camera":..} when it
// cannot serve a camera.

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 10000;
const RETRY_CAMERA_MS = 2000;
const FAILURES_BEFORE_GIVING_UP = 3;

export class SocketHub {
  /**
   * onfail runs once if the socket never opens: WebSocket is blocked between here and the server.
   * onlink(up) runs each time the socket opens (true) or closes (false).
   */
  constructor(onfail, onlink = () => {}) {
    this.subscribers = new Map();   // camera id -> {options, onframe}
    this.onfail = onfail;
    this.onlink = onlink;
    this.failures = 0;
    this.everOpen = false;
    this.delay = FIRST_DELAY_MS;
    this.preamble = null;
    this.connect();
  }

  /** onframe(blob, meta) gets each frame of this camera; the subscription survives reconnects. */
  subscribe(id, options, onframe) {
    this.subscribers.set(id, {options, onframe});
    this.sendSubscribe(id);
  }

  unsubscribe(id) {
    this.subscribers.delete(id);
    this.send({unsubscribe: id});
  }

  connect() {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const socket = new WebSocket(scheme + location.host + '/ws');
    socket.binaryType = 'blob';
    this.socket = socket;
    socket.onopen = () => {
      this.everOpen = true;
      this.failures = 0;
      this.delay = FIRST_DELAY_MS;
      this.subscribers.forEach((_, id) => this.sendSubscribe(id));
      this.onlink(true);
    };
    socket.onmessage = event => this.receive(event.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      if (this.everOpen) this.onlink(false); // a socket that never opened is a blocked one, not a lost server
      this.reconnect();
    };
  }

  reconnect() {
    this.preamble = null;
    if (!this.everOpen && ++this.failures >= FAILURES_BEFORE_GIVING_UP) {
      this.socket = null;
      this.onfail();
      return;
    }
    setTimeout(() => this.connect(), this.delay);
    this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
  }

  // A text preamble names the camera of the binary message that follows it.
  receive(data) {
    if (typeof data !== 'string') {
      const meta = this.preamble;
      this.preamble = null;
      const subscriber = meta && this.subscribers.get(meta.camera);
      if (subscriber) subscriber.onframe(data, meta);
      return;
    }
    const message = JSON.parse(data);
    if (message.type === 'frame') this.preamble = message;
    // A camera not there yet (a server that just restarted): ask again in a while.
    if (message.type === 'error' && this.subscribers.has(message.camera)) {
      setTimeout(() => this.sendSubscribe(message.camera), RETRY_CAMERA_MS);
    }
  }

  sendSubscribe(id) {
    const subscriber = this.subscribers.get(id);
    if (subscriber) this.send(Object.assign({subscribe: id}, subscriber.options));
  }

  send(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }
}
