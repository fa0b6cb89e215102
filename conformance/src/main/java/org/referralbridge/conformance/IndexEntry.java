package org.referralbridge.conformance;

/** One file of a FHIR NPM package folder as its {@code .index.json} lists it. */
record IndexEntry(String filename, String resourceType, String id, String url) {}
