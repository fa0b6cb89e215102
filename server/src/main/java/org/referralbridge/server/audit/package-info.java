/** The append-only audit trail: who changed what, when, from where, and with which outcome; exportable as AuditEvent. */
@org.springframework.modulith.ApplicationModule(displayName = "Audit trail")
package org.referralbridge.server.audit;
