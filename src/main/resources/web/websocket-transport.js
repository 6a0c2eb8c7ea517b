// One camera's frames from the page's shared socket hub, drawn on a canvas.

export class WebSocketTransport {
  constructor(hub, id, options, player) {
    this.hub = hub;
    this.id = id;
    this.options = options;
    this.player = player;
    this.view = player.canvas;
  }

  start() {
    this.hub.subscribe(this.id, this.options, (blob, meta) => this.player.show(blob, meta));
  }

  stop() {
    this.hub.unsubscribe(this.id);
  }
}
