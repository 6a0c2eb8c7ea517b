// Tells when the picture of an MJPEG <img> changes. Chrome fires 'load' for the first part of a
// multipart stream only and then draws the others itself, so the page samples what the image
// shows, once per animation frame, as a tiny downscaled copy, and compares it with the last.

const SAMPLE_WIDTH = 32;
const SAMPLE_HEIGHT = 18;

/** Calls onchange() whenever img shows a new picture; returns a function that stops watching. */
export function watchPicture(img, onchange) {
  const canvas = document.createElement('canvas');
  canvas.width = SAMPLE_WIDTH;
  canvas.height = SAMPLE_HEIGHT;
  const context = canvas.getContext('2d', {willReadFrequently: true});
  let last = null;
  let request = 0;
  function sample() {
    request = requestAnimationFrame(sample);
    if (!img.naturalWidth) return;
    context.drawImage(img, 0, 0, SAMPLE_WIDTH, SAMPLE_HEIGHT);
    const now = hash(context.getImageData(0, 0, SAMPLE_WIDTH, SAMPLE_HEIGHT).data);
    if (now !== last) {
      last = now;
      onchange();
    }
  }
  request = requestAnimationFrame(sample);
  return () => cancelAnimationFrame(request);
}

function hash(data) {
  let h = 0;
  for (let i = 0; i < data.length; i++) h = (h * 31 + data[i]) | 0;
  return h;
}
