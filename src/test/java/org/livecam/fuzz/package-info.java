/**
 * Coverage-guided fuzz targets (Jazzer): bytes from the fuzzer flow into each parser livecam
 * exposes to cameras, browsers and configuration files (JPEG validation, the MJPEG splitter and
 * multipart reader, WebSocket frames and publish messages, the YAML file, source specs, query
 * parameters, the JPEG variant path); what flows out is a pass, or a finding that names the
 * broken property. In the normal suite each target replays its seed corpus under
 * {@code src/test/resources/org/livecam/fuzz/<Class>Inputs/<method>/}; {@code scripts/fuzz}
 * runs them as a fuzzer.
 */
package org.livecam.fuzz;
