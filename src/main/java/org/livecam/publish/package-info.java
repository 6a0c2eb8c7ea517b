/**
 * What a publisher and the server must agree on to move frames over the publish WebSocket:
 * the path, the close codes, the text messages and their JSON fields. In flow nothing: both
 * {@code http} (the server side) and {@code push} (the uploader) import it, and it imports
 * neither, so the two sides cannot drift apart and neither depends on the other.
 */
package org.livecam.publish;
