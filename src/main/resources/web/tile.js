// One camera on screen: its picture (a canvas, or an MJPEG <img> as a fallback) inside a link to
// its page, a placeholder over it until the first frame, and below it a caption with its state,
// fps, latency and audience. The caption sits under the picture, never over it, so no camera's
// own overlay (a clock, a frame counter) is hidden. It watches its camera from the start, even
// with no frame yet: watching is what starts a camera whose source is pulled on demand.

import {ago} from './ago.js';
import {cameraPath} from './api.js';
import {CanvasPlayer} from './canvas-player.js';
import {el} from './dom.js';
import {FrameFigures} from './frame-figures.js';

export class Tile {
  /** options go with every request for frames (e.g. {width: 640}); choice picks the transport. */
  constructor(camera, {large, options, choice}) {
    this.id = camera.id;
    this.camera = camera;
    this.options = options;
    this.choice = choice;
    this.serverLost = false;   // the page's last request for figures failed
    this.socketDown = false;   // the page's socket to the server dropped
    this.figures = new FrameFigures();
    this.figures.onchange = () => this.paint();
    this.player = new CanvasPlayer(el('canvas', {'aria-label': 'camera ' + camera.id}), this.figures);
    this.link = el('a', {href: cameraPath(camera.id)});
    this.placeholder = el('div', {class: 'placeholder'});
    this.caption = {state: el('span', {class: 'state'}), fps: el('span', {class: 'muted'}),
      latency: el('span', {class: 'muted'}), viewers: el('span', {class: 'muted'})};
    this.element = el('figure', {class: 'tile' + (large ? ' large' : ''), 'data-camera': camera.id, 'data-frames': '0'},
      el('div', {class: 'picture'}, this.link, this.placeholder),
      el('figcaption', {}, el('span', {}, camera.id), this.caption.state, this.caption.fps, this.caption.latency, this.caption.viewers));
    this.transport = null;
    choice.onChange(() => this.watch());
    choice.onLink(up => {
      this.socketDown = !up;
      this.paint();
    });
    this.watch();
    this.update(camera);
  }

  /** (Re)starts the frames in the page's current transport. */
  watch() {
    if (this.transport) this.transport.stop();
    this.socketDown = false;
    this.transport = this.choice.transportFor(this.id, this.options, this.player);
    this.element.dataset.transport = this.choice.mode;
    this.link.replaceChildren(this.transport.view);
    this.transport.start();
  }

  /** Shows the server's latest figures for this camera (an entry of /api/cameras). */
  update(camera) {
    this.camera = camera;
    this.serverLost = false;
    this.placeholder.hidden = Boolean(camera.sequence) || this.figures.frames > 0;
    this.placeholder.textContent = waitingText(camera);
    this.caption.viewers.textContent = camera.viewers + ' watching';
    this.paint();
  }

  /** The page cannot reach the server: the tile stops claiming anything live until the next update. */
  lost() {
    this.serverLost = true;
    this.paint();
  }

  paint() {
    const figures = this.figures;
    if (figures.frames > 0) this.placeholder.hidden = true;
    this.element.dataset.frames = String(figures.frames);
    const [state, text] = stateOf(this.camera, this.serverLost || this.socketDown);
    this.element.dataset.state = state;
    this.caption.state.className = 'state ' + state;
    this.caption.state.textContent = text;
    const live = state === 'live';
    this.caption.fps.textContent = live ? figures.fps().toFixed(1) + ' fps' : '';
    this.caption.latency.textContent = !live ? '' : figures.latency != null ? figures.latency + ' ms' : figures.timed ? '' : '— ms';
    this.caption.latency.title = figures.timed ? '' : 'the MJPEG fallback cannot time frames';
  }
}

/** [the state's class, the words for it]: a stale camera says how old its picture is. */
function stateOf(camera, lost) {
  if (lost) return ['lost', 'connection lost'];
  if (camera.state === 'stale' && camera.frame_age_ms >= 0) return ['stale', 'last frame ' + ago(camera.frame_age_ms) + ' ago'];
  return [camera.state, camera.state];
}

function waitingText(camera) {
  if (camera.state === 'offline') {
    return camera.id + ' is offline: ' + (camera.offline_reason || 'its source failed') + '; retrying';
  }
  if (camera.source) return 'starting ' + camera.id + ': ' + camera.source + '…';
  return 'waiting for the first frame of ' + camera.id + ' (publish with POST ' + cameraPath(camera.id) + '/frame)';
}
