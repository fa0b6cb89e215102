/**
 * The program-feedback survey: a program admin sends it to advocates with a current program-messages consent (an
 * e-mail through the messages module with a link to the hosted form {@code /s/{token}}); the advocate answers once
 * per signed token; each answer is kept for aggregation and written to the EHR as a QuestionnaireResponse (through
 * the write-back outbox, see {@link org.referralbridge.server.surveys.SurveyAnswered}); {@code GET
 * /api/surveys/results} gives the recommend score, reward preferences, experience and the comments.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Program surveys")
package org.referralbridge.server.surveys;
