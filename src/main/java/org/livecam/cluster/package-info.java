/**
 * Several nodes, one set of cameras, through Redis. In: frames published on this node (told by
 * {@link org.livecam.frame.Camera.PublishListener}), who watches which camera here
 * ({@link org.livecam.frame.Camera.DemandListener}), and the pulled cameras' sources asking
 * whether to run ({@link org.livecam.source.SourceGate}). Out, through Redis: each local frame
 * published once on its camera's channel and the newest kept under a key; this node's cameras
 * announced by heartbeat; demand and leases for pulled cameras. Back in: other nodes' frames,
 * relayed into the local cameras only while someone here watches them, and their cameras made
 * here so that every viewing URL works. Without {@code --redis} nothing here runs.
 */
package org.livecam.cluster;
