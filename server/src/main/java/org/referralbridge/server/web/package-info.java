/** The shared web edge: problems (RFC 9457) for malformed requests and unexpected failures, with stable codes. */
@org.springframework.modulith.ApplicationModule(displayName = "Web edge")
package org.referralbridge.server.web;
