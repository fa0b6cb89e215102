package org.referralbridge.server.web;

/** The API's paging rules, the same for every list: a 400 naming the parameter and its range when out of it. */
public final class Paging {

    private Paging() {}

    /**
     * @param what what the list holds, for the message (e.g. {@code referrals})
     * @throws InvalidParameter when {@code size} is not 1 to {@code maxSize}, or {@code page} would put the first row
     *     beyond 2^31 - 1 (the database's offset limit)
     */
    public static void check(int page, int size, int maxSize, String what) {
        if (size < 1 || size > maxSize) {
            throw new InvalidParameter(
                    "size", "size must be from 1 to " + maxSize + " (the largest page of " + what + " served)");
        }
        int lastPage = Integer.MAX_VALUE / size;
        if (page < 0 || page > lastPage) {
            throw new InvalidParameter("page", "page must be from 0 to " + lastPage + " with size " + size);
        }
    }
}
