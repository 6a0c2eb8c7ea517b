/**
 * Where frames come from. Sources ({@code test:}, {@code exec:}, {@code http(s)://}, {@code dir:},
 * parsed by {@link org.livecam.source.SourceSpecs}) yield whole JPEGs on their own threads into a
 * {@link org.livecam.source.FrameSink}; they know nothing of cameras, so the uploader uses them
 * too. Each source only says how to make one attempt (run a command, open a connection, pass
 * over a folder); {@code RestartingSource} runs attempts one at a time with a stall watchdog
 * and {@link org.livecam.source.Backoff} between them, and stream sources cut bytes into JPEGs
 * with {@link org.livecam.source.MjpegSplitter}. In the server,
 * {@link org.livecam.source.SourceRunner} runs a source while its camera is watched and
 * {@link org.livecam.source.CameraFeed} validates and publishes its frames.
 */
package org.livecam.source;
