package org.referralbridge.server.surveys;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.referralbridge.server.messages.MessagesProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The hosted survey form, open to anyone with a link: the signed token is the only key, and it names no one on the
 * page (the form shows no name, no address, nothing of the advocate). One answer per token; a second says it was
 * answered already; a token that is not ours gets a 404 page, an expired one a 410 page. Works without JavaScript.
 */
@Controller
class SurveyPages {

    static final String THANK_YOU = "/s/thank-you";

    private final Surveys surveys;
    private final String practiceName;

    SurveyPages(Surveys surveys, MessagesProperties messages) {
        this.surveys = surveys;
        this.practiceName =
                messages.practiceName() == null || messages.practiceName().isBlank()
                        ? "The practice"
                        : messages.practiceName();
    }

    @GetMapping(path = THANK_YOU, produces = "text/html")
    @PermitAll
    String thankYou(Model model) {
        model.addAttribute("practiceName", practiceName);
        return "surveys/thank-you";
    }

    @GetMapping(path = "/s/{token}", produces = "text/html")
    @PermitAll
    String form(@PathVariable String token, Model model, HttpServletResponse response) {
        Surveys.Checked checked = surveys.check(token);
        if (checked.state() != Surveys.TokenState.OPEN) {
            return refused(checked.state(), model, response);
        }
        return form(token, new SurveyForm(), Map.of(), model);
    }

    @PostMapping(path = "/s/{token}", produces = "text/html")
    @PermitAll
    String answer(
            @PathVariable String token,
            @ModelAttribute("form") SurveyForm form,
            Model model,
            HttpServletResponse response) {
        Surveys.Checked checked = surveys.check(token);
        if (checked.state() != Surveys.TokenState.OPEN) {
            return refused(checked.state(), model, response);
        }
        Map<String, String> problems = form.problems();
        if (!problems.isEmpty()) {
            response.setStatus(400);
            return form(token, form, problems, model);
        }
        if (!surveys.answer(checked.claims(), form)) {
            return refused(Surveys.TokenState.ANSWERED, model, response);
        }
        return "redirect:" + THANK_YOU;
    }

    private String form(String token, SurveyForm form, Map<String, String> problems, Model model) {
        model.addAttribute("practiceName", practiceName);
        model.addAttribute("token", token);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("rewardKinds", RewardKinds.DISPLAYS);
        model.addAttribute("maxText", SurveyForm.MAX_TEXT);
        return "surveys/form";
    }

    private String refused(Surveys.TokenState state, Model model, HttpServletResponse response) {
        model.addAttribute("practiceName", practiceName);
        switch (state) {
            case ANSWERED -> {
                response.setStatus(409);
                model.addAttribute("heading", "You have already answered this survey");
                model.addAttribute(
                        "explanation",
                        "Thank you: we have your answers. Each survey link can be answered once, so there is nothing"
                                + " more to do.");
            }
            case EXPIRED -> {
                response.setStatus(410);
                model.addAttribute("heading", "This survey has closed");
                model.addAttribute(
                        "explanation",
                        "The link was valid for a limited time and that time is over. Thank you for wanting to help;"
                                + " you are welcome to tell the practice your thoughts at your next visit.");
            }
            default -> {
                response.setStatus(404);
                model.addAttribute("heading", "We could not find this survey");
                model.addAttribute(
                        "explanation",
                        "The link may be incomplete. Please open it again from the e-mail, or copy the whole"
                                + " address into your browser.");
            }
        }
        return "surveys/refused";
    }
}
