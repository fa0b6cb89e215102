/** Benchmarks of the service and the plugin: each figure measured against a baseline in the same run. */
package org.referralbridge.bench;
