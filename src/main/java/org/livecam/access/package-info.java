/**
 * Who may watch what. In: the users file (Apache htpasswd, bcrypt), the access rules of the
 * server and of each camera ({@link org.livecam.config.AccessRule}), the signing keys kept in
 * the data folder, and what a request carries (Basic credentials, a session cookie, a share
 * token, its address). Out: a {@link org.livecam.access.Caller} and, per camera, a
 * {@link org.livecam.access.Gatekeeper.Verdict}: watch, sign in first, or "no such camera".
 * Knows nothing of HTTP libraries; the http package asks it once per request or connection.
 * Also the {@code livecam users} and {@code livecam share} commands that change its files.
 */
package org.livecam.access;
