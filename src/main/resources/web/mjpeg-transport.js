// One camera as an MJPEG <img>, for when WebSocket is blocked (an old proxy, a refused upgrade).
// The browser draws the stream itself: the page counts the pictures it sees change for fps, and
// cannot know when the server received them, so it shows no latency.

import {cameraPath, withQuery} from './api.js';
import {watchPicture} from './picture-watch.js';

const RETRY_MS = 1000;
const ERRORS_BEFORE_GIVING_UP = 2;

export class MjpegTransport {
  /** onfail runs when the stream fails twice: MJPEG does not get through either. */
  constructor(id, options, figures, onfail) {
    this.url = cameraPath(id) + '/stream.mjpg';
    this.options = options;
    this.figures = figures;
    this.onfail = onfail;
    this.errors = 0;
    this.retry = null;
    this.unwatch = () => {};
    this.view = document.createElement('img');
    this.view.alt = 'camera ' + id;
  }

  start() {
    this.unwatch = watchPicture(this.view, () => this.figures.counted());
    this.view.onerror = () => {
      if (++this.errors >= ERRORS_BEFORE_GIVING_UP) {
        this.onfail();
        return;
      }
      // A fresh query so that the browser does not reuse the failed response.
      this.retry = setTimeout(() => { this.view.src = this.url + withQuery(Object.assign({retry: Date.now()}, this.options)); }, RETRY_MS);
    };
    this.view.src = this.url + withQuery(this.options);
  }

  stop() {
    clearTimeout(this.retry);
    this.unwatch();
    this.view.onerror = null;
    this.view.src = ''; // closes the stream's connection
  }
}
