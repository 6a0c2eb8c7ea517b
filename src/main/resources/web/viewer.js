// livecam pages: the grid of every camera, and one camera with its figures.
// Plain browser JavaScript, no build step.
//
// Frames come over ONE WebSocket per page (/ws), whatever the number of cameras: browsers open
// at most six HTTP/1.1 connections per host, so a grid of MJPEG <img>s stalls past six cameras.
// The server sends, per frame, a JSON text message ({"type":"frame","camera":..,"seq":..,
// "time":..,"width":..,"height":..}) and then the JPEG as a binary message. Each tile draws
// the newest JPEG on a canvas with createImageBitmap (decoded off the main thread, no <img>
// flicker, nothing to revoke) and skips frames that arrive while it is still drawing.
//
// When WebSocket is unavailable (an old proxy, a blocked upgrade) the page falls back to an
// MJPEG <img> per tile, and when that fails too, to snapshot polling with ?after=SEQ (the
// server holds the request until a newer frame exists). ?transport=mjpeg or ?transport=poll
// in the page URL forces a fallback, for testing.
'use strict';
const livecam = (() => {
  const base = id => '/cameras/' + encodeURIComponent(id);
  const forced = new URLSearchParams(location.search).get('transport');

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

  function query(params) {
    const q = Object.entries(params).filter(([, v]) => v).map(([k, v]) => k + '=' + encodeURIComponent(v));
    return q.length ? '?' + q.join('&') : '';
  }

  // Draws JPEGs on a canvas, newest wins; counts frames, fps and latency as the viewer sees them.
  class Player {
    constructor(canvas) {
      this.canvas = canvas;
      this.context = canvas.getContext('2d');
      this.busy = false;
      this.waiting = null;
      this.frames = 0;
      this.times = [];
      this.latency = null;
      this.seq = 0;
      this.onframe = () => {};
    }

    show(blob, meta) {
      if (this.busy) {
        this.waiting = {blob, meta}; // a newer frame replaces any that is still waiting
        return;
      }
      this.busy = true;
      this.draw(blob, meta).finally(() => {
        this.busy = false;
        const next = this.waiting;
        this.waiting = null;
        if (next) this.show(next.blob, next.meta);
      });
    }

    async draw(blob, meta) {
      let image;
      try {
        image = await decode(blob);
      } catch (e) {
        return; // a frame the browser cannot decode: keep the last good one on screen
      }
      if (this.canvas.width !== image.width || this.canvas.height !== image.height) {
        this.canvas.width = image.width;
        this.canvas.height = image.height;
      }
      this.context.drawImage(image, 0, 0);
      if (image.close) image.close(); // ImageBitmaps hold decoded pixels until closed
      const now = Date.now();
      this.frames++;
      this.seq = meta.seq;
      // The first frame after (re)subscribing may be minutes old on a quiet camera: that is its
      // age, not the latency of the path, so latency counts from the second frame on.
      this.latency = meta.time && this.frames > 1 ? Math.max(0, now - meta.time) : this.latency;
      this.times.push(now);
      while (this.times.length && this.times[0] < now - 3000) this.times.shift();
      this.onframe(meta);
    }

    fps() {
      const now = Date.now();
      const recent = this.times.filter(t => t >= now - 3000);
      return recent.length < 2 ? 0 : (recent.length - 1) * 1000 / (recent[recent.length - 1] - recent[0] || 1);
    }
  }

  // createImageBitmap decodes off the main thread; an <img> on an object URL is the fallback,
  // revoked at once so that no frame stays in memory.
  function decode(blob) {
    if (window.createImageBitmap) return createImageBitmap(blob);
    return new Promise((resolve, reject) => {
      const url = URL.createObjectURL(blob);
      const img = new Image();
      img.onload = () => { URL.revokeObjectURL(url); resolve(img); };
      img.onerror = () => { URL.revokeObjectURL(url); reject(new Error('bad frame')); };
      img.src = url;
    });
  }

  // The page's one WebSocket: subscriptions survive reconnects; frames go to their camera's player.
  class Hub {
    constructor(onfail) {
      this.players = new Map();   // camera id -> {player, options}
      this.onfail = onfail;
      this.failures = 0;
      this.everOpen = false;
      this.delay = 500;
      this.meta = null;
      this.connect();
    }

    connect() {
      const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
      const socket = new WebSocket(scheme + location.host + '/ws');
      socket.binaryType = 'blob';
      this.socket = socket;
      socket.onopen = () => {
        this.everOpen = true;
        this.failures = 0;
        this.delay = 500;
        this.players.forEach((entry, id) => this.send(id, entry.options));
      };
      socket.onmessage = event => {
        if (typeof event.data === 'string') {
          const message = JSON.parse(event.data);
          if (message.type === 'frame') this.meta = message;
          // A camera not there yet (a server that just restarted): ask again in a while.
          if (message.type === 'error' && this.players.has(message.camera)) {
            setTimeout(() => {
              const entry = this.players.get(message.camera);
              if (entry) this.send(message.camera, entry.options);
            }, 2000);
          }
          return;
        }
        const meta = this.meta;
        this.meta = null;
        const entry = meta && this.players.get(meta.camera);
        if (entry) entry.player.show(event.data, meta);
      };
      socket.onclose = () => {
        if (this.socket !== socket) return;
        this.meta = null;
        if (!this.everOpen && ++this.failures >= 3) {
          this.socket = null;
          this.onfail(); // never opened: WebSocket is blocked somewhere between here and the server
          return;
        }
        setTimeout(() => this.connect(), this.delay);
        this.delay = Math.min(this.delay * 2, 10000);
      };
    }

    send(id, options) {
      if (this.socket && this.socket.readyState === WebSocket.OPEN) {
        this.socket.send(JSON.stringify(Object.assign({subscribe: id}, options)));
      }
    }

    watch(id, player, options) {
      this.players.set(id, {player, options});
      this.send(id, options);
    }

    unwatch(id) {
      this.players.delete(id);
      if (this.socket && this.socket.readyState === WebSocket.OPEN) {
        this.socket.send(JSON.stringify({unsubscribe: id}));
      }
    }
  }

  // Polls the snapshot with ?after=SEQ: the server answers as soon as a newer frame exists.
  function poll(id, player, options, stopped) {
    let seq = 0;
    async function next() {
      if (stopped()) return;
      try {
        const response = await fetch(base(id) + '/snapshot.jpg' + query(Object.assign({after: seq}, options)), {cache: 'no-store'});
        if (!response.ok) throw new Error('HTTP ' + response.status);
        seq = Number(response.headers.get('X-Frame-Sequence')) || seq;
        const time = Number(response.headers.get('X-Frame-Timestamp')) || 0;
        player.show(await response.blob(), {camera: id, seq, time});
        setTimeout(next, 0);
      } catch (e) {
        setTimeout(next, 1000);
      }
    }
    next();
  }

  // How the page gets its frames: 'ws' (one socket), then 'mjpeg', then 'poll'.
  const transport = {
    mode: forced === 'mjpeg' || forced === 'poll' ? forced : ('WebSocket' in window ? 'ws' : 'mjpeg'),
    hub: null,
    listeners: [],
    fallBack(to) {
      if (to === this.mode || this.mode === 'poll' || (to === 'poll' && this.mode !== 'mjpeg')) return;
      this.mode = to;
      this.listeners.forEach(listener => listener());
    },
    hubFor() {
      if (!this.hub) this.hub = new Hub(() => this.fallBack('mjpeg'));
      return this.hub;
    },
  };

  // One camera on screen: a canvas fed by the page's transport, or an MJPEG <img> as a fallback.
  function viewFor(id, holder, options) {
    const canvas = el('canvas', {'aria-label': 'camera ' + id});
    const player = new Player(canvas);
    let stop = () => {};
    function start() {
      stop();
      (holder.closest('.tile') || holder).dataset.transport = transport.mode;
      if (transport.mode === 'ws') {
        holder.replaceChildren(canvas);
        transport.hubFor().watch(id, player, options);
        stop = () => transport.hub && transport.hub.unwatch(id);
      } else if (transport.mode === 'mjpeg') {
        const img = el('img', {alt: 'camera ' + id});
        let errors = 0;
        img.onerror = () => {
          if (++errors >= 2) { transport.fallBack('poll'); return; }
          setTimeout(() => { img.src = base(id) + '/stream.mjpg' + query(Object.assign({retry: Date.now()}, options)); }, 1000);
        };
        img.onload = () => { player.frames++; };
        img.src = base(id) + '/stream.mjpg' + query(options);
        holder.replaceChildren(img);
        stop = () => { img.onerror = null; img.src = ''; };
      } else {
        holder.replaceChildren(canvas);
        let stopped = false;
        poll(id, player, options, () => stopped);
        stop = () => { stopped = true; };
      }
    }
    transport.listeners.push(start);
    start();
    return player;
  }

  function tileFor(camera, large, options) {
    const tile = el('figure', {class: 'tile' + (large ? ' large' : ''), 'data-camera': camera.id, 'data-frames': '0'});
    const link = el('a', {href: base(camera.id)});
    tile.append(link);
    tile.caption = el('figcaption');
    tile.append(tile.caption);
    const figures = {state: el('span', {class: 'state'}), fps: el('span', {class: 'muted'}),
      latency: el('span', {class: 'muted'}), viewers: el('span', {class: 'muted'})};
    tile.caption.append(el('span', {}, camera.id), figures.state, figures.fps, figures.latency, figures.viewers);
    let player = null;
    const paint = () => {
      if (!player) return;
      if (player.frames > 0) waiting.hidden = true;
      tile.dataset.frames = String(player.frames);
      figures.fps.textContent = player.fps().toFixed(1) + ' fps';
      figures.latency.textContent = player.latency == null ? '' : player.latency + ' ms';
    };
    // Watch even a camera with no frame yet: watching is what starts a camera pulled on demand.
    const waiting = el('div', {class: 'placeholder'});
    tile.append(waiting);
    tile.update = cam => {
      if (!player) {
        player = viewFor(cam.id, link, options);
        player.onframe = paint;
      }
      waiting.hidden = Boolean(cam.sequence) || player.frames > 0;
      waiting.textContent = cam.state === 'offline'
        ? cam.id + ' is offline: ' + (cam.offline_reason || 'its source failed') + '; retrying'
        : cam.source
          ? 'starting ' + cam.id + ': ' + cam.source + '…'
          : 'waiting for the first frame of ' + cam.id + ' (publish with POST ' + base(cam.id) + '/frame)';
      figures.state.className = 'state ' + cam.state;
      figures.state.textContent = cam.state;
      figures.viewers.textContent = cam.viewers + ' watching';
      paint();
    };
    tile.player = () => player;
    tile.update(camera);
    return tile;
  }

  // Grid tiles ask for a 640-pixel variant (1280 on high-density screens) to save bandwidth;
  // the server never upscales, so a smaller camera comes as it is.
  function tileWidth() {
    return (window.devicePixelRatio || 1) > 1.5 ? 1280 : 640;
  }

  function grid(container, summary) {
    const tiles = new Map();
    async function refresh() {
      try {
        const list = await cameras();
        for (const cam of list) {
          if (!tiles.has(cam.id)) {
            const tile = tileFor(cam, false, {width: tileWidth()});
            tiles.set(cam.id, tile);
            container.append(tile);
          }
          tiles.get(cam.id).update(cam);
        }
        summary.textContent = list.length + (list.length === 1 ? ' camera' : ' cameras') + ' · ' + transport.mode;
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
    document.getElementById('links').replaceChildren(
      el('a', {href: base(id) + '/snapshot.jpg'}, 'snapshot'), ' · ',
      el('a', {href: base(id) + '/stream.mjpg'}, 'MJPEG stream'), ' · ',
      el('a', {href: base(id) + '/snapshot.jpg?width=640'}, '640 px snapshot'), ' · ',
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
          tile = tileFor(cam, true, {});
          view.replaceWith(tile);
          tile.id = 'view';
        }
        tile.update(cam);
        const player = tile.player();
        const rows = [
          ['state', cam.state + (cam.offline_reason ? ' (' + cam.offline_reason + ')' : '')],
          ['source', cam.source || 'pushed to the server'],
          ['resolution', cam.width ? cam.width + '×' + cam.height : '–'],
          ['fps in', cam.fps_in], ['fps out (all viewers)', cam.fps_out],
          ['fps here', player ? player.fps().toFixed(1) : '–'],
          ['latency', player && player.latency != null ? player.latency + ' ms' : '–'],
          ['transport', transport.mode],
          ['viewers', cam.viewers], ['frame age', age(cam.frame_age_ms ?? -1)],
          ['frame size', cam.frame_bytes ? Math.round(cam.frame_bytes / 1024) + ' KiB' : '–'],
          ['sequence', cam.sequence ?? '–'],
          ['variants', (cam.variants || []).map(v => (v.width || '?') + '×' + (v.height || '?') + ': ' + v.viewers + ' watching').join(', ') || '–']];
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
