package org.referralbridge.server.staff;

import org.referralbridge.server.program.ProgramCatalog;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The talking points the program editor sets, on the front desk's pages that show them (the {@code
 * staff/fragments/talking-points} fragment): those of the programs active today, the default program's first; none
 * when no active program has any.
 */
@ControllerAdvice(
        assignableTypes = {FrontDeskPatientsPage.class, FrontDeskReferralPages.class, FrontDeskReviewPages.class})
class ProgramEditorTalkingPoints {

    private final ProgramCatalog catalog;

    ProgramEditorTalkingPoints(ProgramCatalog catalog) {
        this.catalog = catalog;
    }

    @ModelAttribute("talkingPoints")
    String talkingPoints() {
        return catalog.activeToday().stream()
                .map(view -> view.program().talkingPoints())
                .filter(points -> points != null && !points.isBlank())
                .findFirst()
                .orElse(null);
    }
}
