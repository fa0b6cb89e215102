package org.referralbridge.fhirplugin.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A change to one top-level extension of a resource, for {@link EhrClient#updateExtension}, in the JSON form the EHR
 * sent: nothing else of the resource is parsed or touched. It may run more than once (once per version conflict),
 * each time on a freshly read copy, so it must depend only on its argument.
 */
@FunctionalInterface
public interface ExtensionChange {

    /**
     * @param current the extension as read (a copy the change may edit and return), or null when the resource has
     *     none with the URL
     * @return the extension as it should be, or empty when {@code current} already is, so nothing is written
     */
    Optional<ObjectNode> apply(ObjectNode current);
}
