package org.referralbridge.server.staff;

import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.referralbridge.server.program.ProgramCatalog;
import org.referralbridge.server.program.ProgramView;
import org.referralbridge.server.web.Roles;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The practice's referral programs, active or not, the default marked; each opens in the editor. */
@Controller
class ProgramListPage {

    static final int PAGE_SIZE = 20;

    private final ProgramCatalog catalog;

    ProgramListPage(ProgramCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping(path = "/program/programs", produces = "text/html")
    @RolesAllowed(Roles.PROGRAM_ADMIN)
    String programs(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
        Set<String> active =
                catalog.activeToday().stream().map(view -> view.program().key()).collect(Collectors.toSet());
        String wanted = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        List<Row> rows = catalog.all().stream()
                .filter(view -> wanted.isEmpty()
                        || view.program().key().toLowerCase(Locale.ROOT).contains(wanted)
                        || (view.program().name() != null
                                && view.program()
                                        .name()
                                        .toLowerCase(Locale.ROOT)
                                        .contains(wanted)))
                .map(view -> new Row(view, active.contains(view.program().key())))
                .toList();
        int number = Math.max(0, Math.min(page, Math.max(0, (rows.size() - 1) / PAGE_SIZE)));
        List<Row> shown = rows.subList(number * PAGE_SIZE, Math.min(rows.size(), (number + 1) * PAGE_SIZE));
        Page<Row> found = new PageImpl<>(shown, PageRequest.of(number, PAGE_SIZE), rows.size());
        model.addAttribute("q", q);
        model.addAttribute("searched", !wanted.isEmpty());
        model.addAttribute("programs", found.getContent());
        model.addAttribute("page", found);
        return "staff/program/programs";
    }

    /**
     * @param active whether the program is active today
     */
    record Row(ProgramView view, boolean active) {

        /** Where it came from, in words: the API (this editor) or a file, which is changed in the file. */
        public String origin() {
            return "api".equals(view.source()) ? "Defined here" : "From " + view.source();
        }

        /** Active, or when it starts or ended. */
        public String status() {
            if (active) {
                return "Active";
            }
            LocalDate end = view.program().end();
            return end != null && end.isBefore(LocalDate.now(ZoneOffset.UTC))
                    ? "Ended " + end
                    : "Starts " + view.program().start();
        }
    }
}
