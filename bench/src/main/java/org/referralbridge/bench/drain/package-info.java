/** The drain figure: a backlog of queued Patient notifications linked and written back, against the EHR's ceiling. */
package org.referralbridge.bench.drain;
