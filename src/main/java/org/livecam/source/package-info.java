/**
 * Where frames come from. Sources ({@code test:}, {@code exec:}, {@code http(s)://}, {@code dir:},
 * parsed by {@link org.livecam.source.SourceSpecs}) yield whole JPEGs on their own threads into a
 * {@link org.livecam.source.FrameSink}, restarting themselves with backoff when they fail; they
 * know nothing of cameras, so the uploader uses them too. In the server,
 * {@link org.livecam.source.SourceRunner} runs a source while its camera is watched and
 * {@link org.livecam.source.CameraFeed} validates and publishes its frames.
 */
package org.livecam.source;
