/** The {@code mapping} command line: check a profile, and dry-run one against FHIR resources from files. */
package org.referralbridge.mapping.cli;
