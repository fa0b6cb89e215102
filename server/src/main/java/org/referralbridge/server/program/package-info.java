/**
 * Referral programs: what a practice rewards, whom, when and within which limits, as program managers define them
 * (through the API, or as YAML files in a configured directory loaded at start). The documents are checked as a
 * whole, every problem named with its field (and, for files, its line). Qualification, rewards and compliance build
 * on these definitions. No HAPI types here.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Programs")
package org.referralbridge.server.program;
