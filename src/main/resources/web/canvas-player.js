// Draws JPEGs on one canvas, newest wins: a frame that arrives while another is still being
// decoded waits, and a newer one replaces it. createImageBitmap decodes off the main thread,
// without <img> flicker and with nothing to revoke.

export class CanvasPlayer {
  constructor(canvas, figures) {
    this.canvas = canvas;
    this.context = canvas.getContext('2d');
    this.figures = figures;
    this.busy = false;
    this.waiting = null;
  }

  /** Shows this JPEG (a Blob) as soon as the canvas is free; meta is {seq, time} at least. */
  show(blob, meta) {
    if (this.busy) {
      this.waiting = {blob, meta};
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
    this.figures.shown(meta);
  }
}

// Without createImageBitmap, an <img> on an object URL, revoked at once so no frame stays in memory.
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
