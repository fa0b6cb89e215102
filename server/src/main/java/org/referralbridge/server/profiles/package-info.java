/**
 * Mapping profiles at run time: which profiles exist (shipped with the service, and clinic IT's from a directory),
 * which one the EHR connection uses, the referrer searches the profile's matching strategies need (by identifier, by
 * demographics), the values the profile's maps did not know, and the dry run clinic IT tries a profile with. Changes
 * nothing in the EHR; the dry run changes nothing at all.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Mapping profiles")
package org.referralbridge.server.profiles;
