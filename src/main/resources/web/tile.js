// One camera on screen: its picture (a canvas, or an MJPEG <img> as a fallback) inside a link to
// its page, a caption with its state, fps, latency and audience, and a placeholder until the
// first frame. It watches its camera from the start, even with no frame yet: watching is what
// starts a camera whose source is pulled on demand.

import {cameraPath} from './api.js';
import {CanvasPlayer} from './canvas-player.js';
import {el} from './dom.js';
import {FrameFigures} from './frame-figures.js';

export class Tile {
  /** options go with every request for frames (e.g. {width: 640}); choice picks the transport. */
  constructor(camera, {large, options, choice}) {
    this.id = camera.id;
    this.options = options;
    this.choice = choice;
    this.figures = new FrameFigures();
    this.figures.onchange = () => this.paint();
    this.player = new CanvasPlayer(el('canvas', {'aria-label': 'camera ' + camera.id}), this.figures);
    this.link = el('a', {href: cameraPath(camera.id)});
    this.placeholder = el('div', {class: 'placeholder'});
    this.caption = {state: el('span', {class: 'state'}), fps: el('span', {class: 'muted'}),
      latency: el('span', {class: 'muted'}), viewers: el('span', {class: 'muted'})};
    this.element = el('figure', {class: 'tile' + (large ? ' large' : ''), 'data-camera': camera.id, 'data-frames': '0'},
      this.link,
      el('figcaption', {}, el('span', {}, camera.id), this.caption.state, this.caption.fps, this.caption.latency, this.caption.viewers),
      this.placeholder);
    this.transport = null;
    choice.onChange(() => this.watch());
    this.watch();
    this.update(camera);
  }

  /** (Re)starts the frames in the page's current transport. */
  watch() {
    if (this.transport) this.transport.stop();
    this.transport = this.choice.transportFor(this.id, this.options, this.player);
    this.element.dataset.transport = this.choice.mode;
    this.link.replaceChildren(this.transport.view);
    this.transport.start();
  }

  /** Shows the server's latest figures for this camera (an entry of /api/cameras). */
  update(camera) {
    this.placeholder.hidden = Boolean(camera.sequence) || this.figures.frames > 0;
    this.placeholder.textContent = waitingText(camera);
    this.caption.state.className = 'state ' + camera.state;
    this.caption.state.textContent = camera.state;
    this.caption.viewers.textContent = camera.viewers + ' watching';
    this.paint();
  }

  paint() {
    const figures = this.figures;
    if (figures.frames > 0) this.placeholder.hidden = true;
    this.element.dataset.frames = String(figures.frames);
    this.caption.fps.textContent = figures.fps().toFixed(1) + ' fps';
    this.caption.latency.textContent = figures.latency == null ? '' : figures.latency + ' ms';
  }
}

function waitingText(camera) {
  if (camera.state === 'offline') {
    return camera.id + ' is offline: ' + (camera.offline_reason || 'its source failed') + '; retrying';
  }
  if (camera.source) return 'starting ' + camera.id + ': ' + camera.source + '…';
  return 'waiting for the first frame of ' + camera.id + ' (publish with POST ' + cameraPath(camera.id) + '/frame)';
}
