// livecam pages: the grid of every camera, and one camera with its figures.
// Plain browser JavaScript, no build step. Images are MJPEG streams; the browser reconnects
// a broken stream when we set its src again.
'use strict';
const livecam = (() => {
  const streamUrl = id => '/cameras/' + encodeURIComponent(id) + '/stream.mjpg';

  async function cameras() {
    const response = await fetch('/api/cameras', {cache: 'no-store'});
    if (!response.ok) throw new Error('HTTP ' + response.status);
    return (await response.json()).cameras;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    children.forEach(c => node.append(c));
    return node;
  }

  function age(ms) {
    if (ms < 0) return '–';
    if (ms < 2000) return ms + ' ms';
    if (ms < 120000) return Math.round(ms / 1000) + ' s';
    return Math.round(ms / 60000) + ' min';
  }

  // An <img> on the MJPEG stream, restarted after an error with a growing delay.
  function streamImage(id) {
    const img = el('img', {alt: 'camera ' + id});
    let delay = 1000;
    img.onerror = () => {
      setTimeout(() => { img.src = streamUrl(id) + '?retry=' + Date.now(); }, delay);
      delay = Math.min(delay * 2, 15000);
    };
    img.onload = () => { delay = 1000; };
    img.src = streamUrl(id);
    return img;
  }

  function tileFor(camera, large) {
    const tile = el('figure', {class: 'tile' + (large ? ' large' : ''), 'data-camera': camera.id});
    const link = el('a', {href: '/cameras/' + encodeURIComponent(camera.id)});
    tile.append(link);
    tile.caption = el('figcaption');
    tile.append(tile.caption);
    tile.update = cam => {
      if (!cam.sequence && !link.querySelector('.placeholder')) {
        link.replaceChildren(el('div', {class: 'placeholder'},
          'waiting for the first frame of ' + cam.id + ' — publish one with POST ' + '/cameras/' + cam.id + '/frame'));
      } else if (cam.sequence && !link.querySelector('img')) {
        link.replaceChildren(streamImage(cam.id));
      }
      tile.caption.replaceChildren(
        el('span', {}, cam.id),
        el('span', {class: 'state ' + cam.state}, cam.state),
        el('span', {class: 'muted'}, cam.fps_in + ' fps'),
        el('span', {class: 'muted'}, cam.viewers + ' watching'));
    };
    tile.update(camera);
    return tile;
  }

  function grid(container, summary) {
    const tiles = new Map();
    async function refresh() {
      try {
        const list = await cameras();
        for (const cam of list) {
          if (!tiles.has(cam.id)) {
            const tile = tileFor(cam, false);
            tiles.set(cam.id, tile);
            container.append(tile);
          }
          tiles.get(cam.id).update(cam);
        }
        summary.textContent = list.length + (list.length === 1 ? ' camera' : ' cameras');
      } catch (e) {
        summary.textContent = 'server unreachable (' + e.message + '), retrying…';
      }
    }
    refresh();
    setInterval(refresh, 2000);
  }

  function single(id) {
    document.title = id + ' · livecam';
    document.getElementById('title').textContent = id;
    const view = document.getElementById('view');
    const stats = document.getElementById('stats');
    const base = '/cameras/' + encodeURIComponent(id);
    document.getElementById('links').replaceChildren(
      el('a', {href: base + '/snapshot.jpg'}, 'snapshot'), ' · ',
      el('a', {href: base + '/stream.mjpg'}, 'MJPEG stream'), ' · ',
      el('a', {href: '/api/cameras'}, 'API'));
    let tile = null;
    async function refresh() {
      try {
        const cam = (await cameras()).find(c => c.id === id);
        if (!cam) {
          view.replaceChildren(el('div', {class: 'placeholder'}, 'no camera named ' + id));
          return;
        }
        if (!tile) {
          tile = tileFor(cam, true);
          view.replaceWith(tile);
          tile.id = 'view';
        }
        tile.update(cam);
        const rows = [
          ['state', cam.state + (cam.offline_reason ? ' (' + cam.offline_reason + ')' : '')],
          ['resolution', cam.width ? cam.width + '×' + cam.height : '–'],
          ['fps in', cam.fps_in], ['fps out (all viewers)', cam.fps_out],
          ['viewers', cam.viewers], ['frame age', age(cam.frame_age_ms ?? -1)],
          ['frame size', cam.frame_bytes ? Math.round(cam.frame_bytes / 1024) + ' KiB' : '–'],
          ['sequence', cam.sequence ?? '–']];
        stats.replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {'data-stat': k}, String(v))]));
      } catch (e) {
        stats.replaceChildren(el('dt', {}, 'server'), el('dd', {}, 'unreachable, retrying…'));
      }
    }
    refresh();
    setInterval(refresh, 1000);
  }

  return {grid, single};
})();
