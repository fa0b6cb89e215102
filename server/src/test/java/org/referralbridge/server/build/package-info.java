/** Checks of what the build puts on the class path (dependency versions, jar contents). */
package org.referralbridge.server.build;
