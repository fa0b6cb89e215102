/**
 * Program messages (a referrer's thank-you, a reward earned, a referred patient's welcome, program updates, an
 * advocate's invitation): sent only on channels the patient consented to, named friends only with the friend's
 * disclosure consent, rendered from templates a program manager can edit, with a one-click opt-out, through a durable
 * outbox of their own.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Program messages")
package org.referralbridge.server.messages;
