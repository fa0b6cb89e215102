package org.referralbridge.bench;

import java.util.List;

/** One benchmark figure: runs, and prints its figures with the baseline it measured in the same run. */
public interface Figure {

    /** What it measures, one line, for {@code bench/run} without arguments. */
    String description();

    void run(List<String> args) throws Exception;
}
