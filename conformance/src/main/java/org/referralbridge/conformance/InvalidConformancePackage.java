package org.referralbridge.conformance;

/**
 * The FHIR package on the classpath is broken (a file is missing, does not parse, or disagrees with its index).
 * Thrown at start-up, so a bad package fails the application at once instead of validating against half a package.
 */
public final class InvalidConformancePackage extends IllegalStateException {

    InvalidConformancePackage(String message) {
        super(message);
    }

    InvalidConformancePackage(String message, Throwable cause) {
        super(message, cause);
    }
}
