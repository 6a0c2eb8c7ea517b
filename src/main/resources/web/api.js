// Where things live on the server, and the JSON API the pages read.

/** The path of a camera's page; its snapshot, stream and WebSocket paths hang below it. */
export function cameraPath(id) {
  return '/cameras/' + encodeURIComponent(id);
}

/** '?a=1&b=2' from the parameters that have a value, '' when none has. */
export function withQuery(params) {
  const pairs = Object.entries(params).filter(([, v]) => v).map(([k, v]) => k + '=' + encodeURIComponent(v));
  return pairs.length ? '?' + pairs.join('&') : '';
}

/** Every camera's figures, as GET /api/cameras lists them. */
export async function listCameras() {
  return (await getJson('/api/cameras')).cameras;
}

/** One camera's figures, or null when the server has no camera of that name. */
export async function getCamera(id) {
  return getJson('/api/cameras/' + encodeURIComponent(id), true);
}

async function getJson(path, nullWhenMissing = false) {
  const response = await fetch(path, {cache: 'no-store'});
  if (nullWhenMissing && response.status === 404) return null;
  if (!response.ok) throw new Error('HTTP ' + response.status);
  return response.json();
}
