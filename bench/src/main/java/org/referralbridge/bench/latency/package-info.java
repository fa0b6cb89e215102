/** The added-latency figure: from a notification's arrival to the write-back stored in the EHR, at a steady rate. */
package org.referralbridge.bench.latency;
