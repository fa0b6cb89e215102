/** The burst figure: how long after the EHR's last notification of a burst the last write-back is stored. */
package org.referralbridge.bench.burst;
