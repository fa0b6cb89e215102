package org.referralbridge.server.audit;

/** Tells who is making a change right now, on the thread that makes it. */
public interface CurrentActor {

    Actor current();
}
