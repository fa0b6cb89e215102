package org.referralbridge.server.landing;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The friend leads for the front desk to call back: the ones waiting first (oldest first: the friend has waited
 * longest), and marking one as contacted. A lead that links to a Patient leaves the waiting list on its own.
 */
@Component
public class LeadList {

    /** The lists, by the name the page and the API use. */
    public static final List<String> STATES = List.of("waiting", "contacted", "linked", "closed", "all");

    private static final Logger log = LoggerFactory.getLogger(LeadList.class);

    private final FriendLeads leads;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    LeadList(FriendLeads leads, Clock clock, ApplicationEventPublisher events) {
        this.leads = leads;
        this.clock = clock;
        this.events = events;
    }

    /** An unknown list name. */
    public static class UnknownLeadState extends RuntimeException {
        UnknownLeadState() {
            super("state must be one of " + String.join(", ", STATES));
        }
    }

    /** No lead with that id. */
    public static class LeadNotFound extends RuntimeException {
        LeadNotFound(UUID id) {
            super("No friend lead " + id);
        }
    }

    /**
     * One page of a list: waiting and contacted oldest first, linked, closed and all newest first.
     *
     * @throws UnknownLeadState when {@code state} is not one of {@link #STATES}
     */
    @Transactional(readOnly = true)
    public Page<LeadView> leads(String state, int page, int size) {
        String wanted = state == null ? "waiting" : state.strip().toLowerCase(Locale.ROOT);
        PageRequest oldestFirst =
                PageRequest.of(page, size, Sort.by("createdAt").ascending().and(Sort.by("id")));
        PageRequest newestFirst =
                PageRequest.of(page, size, Sort.by("createdAt").descending().and(Sort.by("id")));
        Page<FriendLead> found;
        switch (wanted) {
            case "waiting":
                found = leads.findByStatusAndContactedAtIsNull(FriendLead.Status.OPEN, oldestFirst);
                break;
            case "contacted":
                found = leads.findByStatusAndContactedAtIsNotNull(FriendLead.Status.OPEN, oldestFirst);
                break;
            case "linked":
                found = leads.findByStatus(FriendLead.Status.LINKED, newestFirst);
                break;
            case "closed":
                found = leads.findByStatus(FriendLead.Status.CLOSED, newestFirst);
                break;
            case "all":
                found = leads.findAll(newestFirst);
                break;
            default:
                throw new UnknownLeadState();
        }
        return found.map(LeadView::of);
    }

    /**
     * Closes an open lead (the friend is not interested, or cannot be reached): it leaves the open lists and is no
     * longer linked when the friend becomes a patient. A linked or closed lead stays as it is. Audited as {@code
     * lead.closed}, a failure too.
     *
     * @throws LeadNotFound when there is no such lead
     */
    @Transactional
    public LeadView close(UUID id, String by) {
        events.publishEvent(ChangeMade.succeeded(AuditAction.LEAD_CLOSED, "friend-lead/" + id));
        FriendLead lead = leads.lockById(id).orElseThrow(() -> new LeadNotFound(id));
        if (lead.close(by, clock.instant())) {
            log.info("Friend lead {} closed", id);
        }
        return LeadView.of(lead);
    }

    /** How many leads wait for a call back. */
    @Transactional(readOnly = true)
    public long waiting() {
        return leads.countByStatusAndContactedAtIsNull(FriendLead.Status.OPEN);
    }

    /**
     * Marks the lead contacted by this staff user; marking it again (or a linked lead) keeps the first mark. Audited
     * as {@code lead.contacted} (a failure too: the audit trail records a rolled-back change as failed).
     *
     * @throws LeadNotFound when there is no such lead
     */
    @Transactional
    public LeadView contacted(UUID id, String by) {
        events.publishEvent(ChangeMade.succeeded(AuditAction.LEAD_CONTACTED, "friend-lead/" + id));
        FriendLead lead = leads.lockById(id).orElseThrow(() -> new LeadNotFound(id));
        lead.contacted(by, clock.instant());
        log.info("Friend lead {} marked contacted", id);
        return LeadView.of(lead);
    }
}
