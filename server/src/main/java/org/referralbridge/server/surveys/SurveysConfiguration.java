package org.referralbridge.server.surveys;

import java.time.Clock;
import org.referralbridge.server.messages.SurveyInvitations;
import org.referralbridge.server.referral.ReferralManagement;
import org.referralbridge.server.web.PublicAddress;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class SurveysConfiguration {

    @Bean
    SurveyTokens surveyTokens(SurveysProperties properties, Clock clock) {
        return new SurveyTokens(properties.tokenSecret(), properties.linkValidity(), clock);
    }

    @Bean
    SurveyResponses surveyResponses(JdbcClient jdbc) {
        return new SurveyResponses(jdbc);
    }

    @Bean
    Surveys surveys(
            SurveyInvitations invitations,
            ReferralManagement referrals,
            SurveyTokens tokens,
            SurveyResponses responses,
            PublicAddress address,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        return new Surveys(invitations, referrals, tokens, responses, address, transactions, events, clock);
    }
}
