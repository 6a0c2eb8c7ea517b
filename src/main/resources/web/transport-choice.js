// How this page gets its frames, for all its cameras at once: 'ws' (one socket for the page),
// then 'mjpeg' when WebSocket never gets through, then 'poll' when MJPEG does not either.
// ?transport=mjpeg or ?transport=poll in the page URL forces a fallback, for testing.

import {SocketHub} from './socket-hub.js';
import {WebSocketTransport} from './websocket-transport.js';
import {MjpegTransport} from './mjpeg-transport.js';
import {PollTransport} from './poll-transport.js';

const ORDER = ['ws', 'mjpeg', 'poll'];

export class TransportChoice {
  constructor(search = location.search) {
    const forced = new URLSearchParams(search).get('transport');
    this.mode = forced === 'mjpeg' || forced === 'poll' ? forced : ('WebSocket' in window ? 'ws' : 'mjpeg');
    this.hub = null;
    this.listeners = [];
    this.linkListeners = [];
  }

  /** listener(up) runs when the page's socket to the server opens (true) or drops (false). */
  onLink(listener) {
    this.linkListeners.push(listener);
  }

  /** listener() runs after every fallback; the caller then asks for a new transport. */
  onChange(listener) {
    this.listeners.push(listener);
  }

  /** A new, not yet started transport for one camera in the current mode. */
  transportFor(id, options, player) {
    if (this.mode === 'ws') return new WebSocketTransport(this.socketHub(), id, options, player);
    if (this.mode === 'mjpeg') return new MjpegTransport(id, options, player.figures, () => this.fallBack('poll'));
    return new PollTransport(id, options, player);
  }

  // Only ever one step down the order, however many cameras report the same failure.
  fallBack(to) {
    if (ORDER.indexOf(to) !== ORDER.indexOf(this.mode) + 1) return;
    this.mode = to;
    this.listeners.forEach(listener => listener());
  }

  socketHub() {
    if (!this.hub) {
      this.hub = new SocketHub(() => this.fallBack('mjpeg'), up => this.linkListeners.forEach(listener => listener(up)));
    }
    return this.hub;
  }
}
