// A camera's recordings under its live picture: the hours with recordings, a scrubber that
// shows the recorded frame (archive/frame.jpg) as you drag, replay at 1x/10x/60x
// (archive/play.mjpg in an <img>), and a timelapse to download. Hidden while the camera has
// none. Reads GET /cameras/{id}/archive every 10 s.

import {el} from './dom.js';

const REFRESH_MS = 10000;
const SPEEDS = [1, 10, 60];

export class Timeline {
  constructor(id, element) {
    this.base = '/cameras/' + encodeURIComponent(id) + '/archive';
    this.element = element;
    this.summary = null;
    this.loading = false;
    this.wanted = null;
    this.picture = el('img', {id: 'timeline-frame', alt: 'recorded frame'});
    this.time = el('span', {class: 'muted', id: 'timeline-time'});
    this.slider = el('input', {type: 'range', id: 'timeline-scrubber', 'aria-label': 'time'});
    this.track = el('div', {class: 'track'});
    this.hours = el('div', {class: 'hours'});
    this.download = el('a', {id: 'timeline-timelapse'}, 'download timelapse');
    this.slider.addEventListener('input', () => this.show(Number(this.slider.value)));
    this.picture.addEventListener('load', () => this.loaded());
    this.picture.addEventListener('error', () => this.loaded());
    const buttons = SPEEDS.map(s => button('play ' + s + '×', () => this.play(s)));
    element.replaceChildren(el('h2', {}, 'Recordings'), this.picture, this.time, this.track, this.slider, this.hours,
      el('p', {class: 'controls'}, ...buttons, button('stop', () => this.show(Number(this.slider.value))), ' ', this.download));
  }

  start() {
    this.refresh();
    setInterval(() => this.refresh(), REFRESH_MS);
  }

  async refresh() {
    try {
      const response = await fetch(this.base, {cache: 'no-store'});
      const summary = response.ok ? await response.json() : null;
      this.element.hidden = !summary || !summary.frames || !summary.first;
      if (!this.element.hidden) this.render(summary);
    } catch (e) {
      // the live view says when the server is unreachable
    }
  }

  render(summary) {
    const first = Date.parse(summary.first);
    const last = Date.parse(summary.last);
    const atEnd = !this.summary || Number(this.slider.value) >= Number(this.slider.max);
    this.summary = summary;
    this.slider.min = first;
    this.slider.max = last;
    this.slider.step = 1;
    if (atEnd) this.slider.value = last;
    const width = Math.max(1, last - first);
    this.track.replaceChildren(...summary.spans.map(s => el('span', {
      style: 'left:' + (100 * (Date.parse(s.from) - first) / width) + '%;width:' + Math.max(0.3, 100 * (Date.parse(s.to) - Date.parse(s.from)) / width) + '%'})));
    this.hours.replaceChildren(...hoursOf(summary.spans).map(([day, hours]) => el('div', {}, el('span', {class: 'muted'}, day + ' '),
      ...hours.map(h => button(String(h.getHours()).padStart(2, '0'), () => this.jump(h.getTime()))))));
    this.download.href = this.base + '/timelapse.mp4?from=' + first + '&to=' + last + '&fps=30';
    this.download.setAttribute('download', '');
    if (!this.picture.getAttribute('src')) this.show(Number(this.slider.value));
  }

  jump(time) {
    this.slider.value = Math.max(Number(this.slider.min), time);
    this.show(Number(this.slider.value));
  }

  /** Shows the frame at or before this time; while one loads, only the latest wish waits. */
  show(time) {
    this.time.textContent = new Date(time).toLocaleString();
    if (this.loading) {
      this.wanted = time;
      return;
    }
    this.loading = true;
    this.picture.src = this.base + '/frame.jpg?t=' + Math.round(time);
  }

  loaded() {
    this.loading = false;
    if (this.wanted != null) {
      const time = this.wanted;
      this.wanted = null;
      this.show(time);
    }
  }

  play(speed) {
    this.loading = false;
    this.wanted = null;
    this.time.textContent = 'playing at ' + speed + '× from ' + new Date(Number(this.slider.value)).toLocaleString();
    this.picture.src = this.base + '/play.mjpg?from=' + this.slider.value + '&speed=' + speed;
  }
}

function button(label, action) {
  const b = el('button', {type: 'button'}, label);
  b.addEventListener('click', action);
  return b;
}

/** [[day label, [Date of each hour with recordings]]], oldest first. */
function hoursOf(spans) {
  const days = new Map();
  for (const span of spans) {
    const end = Date.parse(span.to);
    for (let t = new Date(Date.parse(span.from)).setMinutes(0, 0, 0); t <= end; t += 3600000) {
      const hour = new Date(t);
      const day = hour.toLocaleDateString(undefined, {weekday: 'short', day: 'numeric', month: 'short'});
      if (!days.has(day)) days.set(day, []);
      if (!days.get(day).some(h => h.getTime() === t)) days.get(day).push(hour);
    }
  }
  return [...days.entries()];
}
