package org.referralbridge.server.baseline;

import java.time.YearMonth;

/**
 * One month of the baseline figures.
 *
 * @param month the calendar month (UTC)
 * @param afterLaunch whether the month is the launch month or later
 * @param newPatients patients whose first finished Encounter began in this month
 * @param referredNewPatients of those, the ones with a linked or qualified referral (after launch; 0 before)
 * @param referralShare referredNewPatients / newPatients, or null when there were no new patients or before launch
 */
public record BaselineMonth(
        YearMonth month, boolean afterLaunch, long newPatients, long referredNewPatients, Double referralShare) {}
