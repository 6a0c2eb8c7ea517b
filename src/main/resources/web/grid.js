// Entry point of the front page: a tile for every camera, the list refreshed every 2 s.

import {listCameras} from './api.js';
import {Tile} from './tile.js';
import {TransportChoice} from './transport-choice.js';

const REFRESH_MS = 2000;

// Grid tiles ask for a 640-pixel variant (1280 on high-density screens) to save bandwidth;
// the server never upscales, so a smaller camera comes as it is.
function tileWidth() {
  return (window.devicePixelRatio || 1) > 1.5 ? 1280 : 640;
}

function showGrid(container, summary) {
  const choice = new TransportChoice();
  const tiles = new Map();
  async function refresh() {
    try {
      const cameras = await listCameras();
      for (const camera of cameras) {
        if (!tiles.has(camera.id)) {
          const tile = new Tile(camera, {large: false, options: {width: tileWidth()}, choice});
          tiles.set(camera.id, tile);
          container.append(tile.element);
        }
        tiles.get(camera.id).update(camera);
      }
      summary.textContent = cameras.length + (cameras.length === 1 ? ' camera' : ' cameras') + ' · ' + choice.mode;
    } catch (e) {
      summary.textContent = 'server unreachable (' + e.message + '), retrying…';
      tiles.forEach(tile => tile.lost());
    }
  }
  refresh();
  setInterval(refresh, REFRESH_MS);
}

showGrid(document.getElementById('grid'), document.getElementById('summary'));
