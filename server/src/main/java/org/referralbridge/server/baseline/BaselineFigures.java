package org.referralbridge.server.baseline;

import java.time.LocalDate;
import java.util.List;

/**
 * The baseline figures for a range of months.
 *
 * @param launchDate the program's launch (setting, or the earliest program start), or null when there is none
 * @param launchSource {@code setting}, {@code programs} or {@code none}
 * @param monthlyNewPatientsBeforeLaunch the mean of the monthly new patients over the months of the range before
 *     launch, or null when the range has none
 * @param monthlyNewPatientsAfterLaunch the same over the months from launch on
 * @param referralShareAfterLaunch referred new patients / new patients, over all months from launch on, or null
 */
public record BaselineFigures(
        LocalDate launchDate,
        String launchSource,
        Double monthlyNewPatientsBeforeLaunch,
        Double monthlyNewPatientsAfterLaunch,
        Double referralShareAfterLaunch,
        List<BaselineMonth> months) {}
