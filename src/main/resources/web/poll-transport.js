// One camera by snapshot polling, the last resort: GET snapshot.jpg?after=SEQ, which the server
// holds until a frame newer than SEQ exists, so each answer is the next frame and none is wasted.

import {cameraPath, withQuery} from './api.js';

const RETRY_MS = 1000;

export class PollTransport {
  constructor(id, options, player) {
    this.id = id;
    this.url = cameraPath(id) + '/snapshot.jpg';
    this.options = options;
    this.player = player;
    this.view = player.canvas;
    this.seq = 0;
    this.aborter = null;
  }

  start() {
    this.aborter = new AbortController();
    this.next(this.aborter.signal);
  }

  stop() {
    if (this.aborter) this.aborter.abort(); // a held request would otherwise wait for its frame
    this.aborter = null;
  }

  async next(signal) {
    if (signal.aborted) return;
    try {
      const query = withQuery(Object.assign({after: this.seq}, this.options));
      const response = await fetch(this.url + query, {cache: 'no-store', signal});
      if (!response.ok) throw new Error('HTTP ' + response.status);
      this.seq = Number(response.headers.get('X-Frame-Sequence')) || this.seq;
      const time = Number(response.headers.get('X-Frame-Timestamp')) || 0;
      this.player.show(await response.blob(), {camera: this.id, seq: this.seq, time});
      setTimeout(() => this.next(signal), 0);
    } catch (e) {
      setTimeout(() => this.next(signal), RETRY_MS);
    }
  }
}
