// Entry point of the front page: a tile for every camera, the list refreshed every 2 s.

import {listCameras} from './api.js';
import {Tile} from './tile.js';
import {TransportChoice} from './transport-choice.js';

const REFRESH_MS = 2000;

// Grid tiles ask for width=auto: each camera starts at its own size and the server moves it to a
// smaller variant while this page's link cannot keep up, and back when it can. Snapshots (the
// poll fallback) answer auto at the camera's own size.
const TILE_OPTIONS = {width: 'auto'};

function showGrid(container, summary) {
  const choice = new TransportChoice();
  const tiles = new Map();
  async function refresh() {
    try {
      const cameras = await listCameras();
      for (const camera of cameras) {
        if (!tiles.has(camera.id)) {
          const tile = new Tile(camera, {large: false, options: TILE_OPTIONS, choice});
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
