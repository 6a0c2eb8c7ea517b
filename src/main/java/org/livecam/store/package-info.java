/**
 * Persistence. Latest frames flow in from the cameras, written behind at most once a second;
 * at start-up they flow back out into the cameras, marked stale.
 */
package org.livecam.store;
