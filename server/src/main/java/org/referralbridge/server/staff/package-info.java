/**
 * The staff web app: server-rendered pages (Thymeleaf, htmx from its webjar) for the front desk, the program manager
 * and clinic IT, behind the same sign-in and roles as the API. Each page controller declares its roles next to itself
 * like the API's; a signed-in user without one of them sees the 403 page. Pages read and change the program through
 * the other modules' services, and the EHR's patients through the EHR, never a copy of them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Staff web app")
package org.referralbridge.server.staff;
