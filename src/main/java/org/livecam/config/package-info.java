/**
 * How {@code livecam serve} is configured beyond the plain flags: the {@code livecam.yml} file
 * ({@link org.livecam.config.ConfigFile}), merged as picocli's default values
 * ({@link org.livecam.config.ConfigFileDefaults}); the cameras the server pulls, the demo among
 * them ({@link org.livecam.config.CameraList}, {@link org.livecam.config.DemoCamera},
 * {@link org.livecam.config.CameraConfig}), and those added at run time, kept in the data folder
 * ({@link org.livecam.config.SavedCameras}); the publish token; durations as people write them;
 * the open-file limit, and so how many viewers the process can hold
 * ({@link org.livecam.config.ConnectionCapacity}).
 * Text flows in; checked settings flow out. It imports nothing of livecam but {@code frame}'s
 * camera ids: {@code source} imports it (for durations), so source specs stay text here and are
 * parsed once, when the server starts.
 */
package org.livecam.config;
