/**
 * What {@code livecam serve} is configured with beyond its flags: the {@code livecam.yml} file
 * ({@link org.livecam.config.ConfigFile}) and the cameras the server pulls
 * ({@link org.livecam.config.CameraConfig}). Text flows in; checked settings flow out.
 */
package org.livecam.config;
