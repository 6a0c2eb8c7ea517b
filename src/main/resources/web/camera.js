// Entry point of a camera's page (/cameras/{id}): the camera large, and its figures from
// GET /api/cameras/{id} every second.

import {ago} from './ago.js';
import {cameraPath, getCamera} from './api.js';
import {el} from './dom.js';
import {Tile} from './tile.js';
import {Timeline} from './timeline.js';
import {TransportChoice} from './transport-choice.js';

const REFRESH_MS = 1000;

function showCamera(id) {
  document.title = id + ' · livecam';
  document.getElementById('title').textContent = id;
  const stats = document.getElementById('stats');
  document.getElementById('links').replaceChildren(
    el('a', {href: cameraPath(id) + '/snapshot.jpg'}, 'snapshot'), ' · ',
    el('a', {href: cameraPath(id) + '/stream.mjpg'}, 'MJPEG stream'), ' · ',
    el('a', {href: cameraPath(id) + '/snapshot.jpg?width=640'}, '640 px snapshot'), ' · ',
    el('a', {href: '/api/cameras/' + encodeURIComponent(id)}, 'API'));
  const choice = new TransportChoice();
  let tile = null;
  async function refresh() {
    try {
      const camera = await getCamera(id);
      if (!camera) {
        if (!tile) document.getElementById('view').replaceChildren(el('div', {class: 'placeholder'}, 'no camera named ' + id));
        return;
      }
      if (!tile) {
        tile = new Tile(camera, {large: true, options: {}, choice});
        tile.element.id = 'view';
        document.getElementById('view').replaceWith(tile.element);
      }
      tile.update(camera);
      showRows(stats, rows(camera, tile, choice));
    } catch (e) {
      if (tile) tile.lost();
      showRows(stats, [['server', 'unreachable, retrying…']]);
    }
  }
  refresh();
  setInterval(refresh, REFRESH_MS);
  new Timeline(id, document.getElementById('timeline')).start();
}

function rows(camera, tile, choice) {
  const figures = tile.figures;
  return [
    ['state', camera.state + stateDetail(camera)],
    ['source', camera.source || 'pushed to the server'],
    ['resolution', camera.width ? camera.width + '×' + camera.height : '–'],
    ['fps in', camera.fps_in], ['fps out (all viewers)', camera.fps_out],
    ['fps here', figures.fps().toFixed(1)],
    ['latency', figures.latency != null ? figures.latency + ' ms' : figures.timed ? '–' : '— (MJPEG gives no frame times)'],
    ['transport', choice.mode],
    ['viewers', camera.viewers], ['frame age', age(camera.frame_age_ms ?? -1)],
    ['frame size', camera.frame_bytes ? Math.round(camera.frame_bytes / 1024) + ' KiB' : '–'],
    ['sequence', camera.sequence ?? '–'],
    ['variants', (camera.variants || []).map(v => (v.width || '?') + '×' + (v.height || '?') + ': ' + v.viewers + ' watching').join(', ') || '–']];
}

function stateDetail(camera) {
  if (camera.offline_reason) return ' (' + camera.offline_reason + ')';
  if (camera.state === 'stale' && camera.frame_age_ms >= 0) return ' (last frame ' + ago(camera.frame_age_ms) + ' ago)';
  return '';
}

function showRows(stats, rows) {
  stats.replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {'data-stat': k}, String(v))]));
}

function age(ms) {
  if (ms < 0) return '–';
  if (ms < 2000) return ms + ' ms';
  if (ms < 120000) return Math.round(ms / 1000) + ' s';
  return Math.round(ms / 60000) + ' min';
}

showCamera(decodeURIComponent(location.pathname.split('/')[2] || ''));
