package org.referralbridge.server.web;

import java.util.List;

/**
 * How the staff app's sign-in page signs someone in.
 *
 * @param localForm the user name and password form of the local user store (the embedded default)
 * @param providers the clinic's identity providers (oidc mode), each a link that starts its sign-in
 */
public record SignInOptions(boolean localForm, List<Provider> providers) {

    /** @param path where the sign-in with this provider starts; @param name what the page calls it */
    public record Provider(String path, String name) {}
}
