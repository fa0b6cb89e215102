package org.referralbridge.server.compliance;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** US dollar amounts as the reasons print them. */
final class Usd {

    private Usd() {}

    static BigDecimal of(String amount) {
        return new BigDecimal(amount);
    }

    static String format(BigDecimal amount) {
        return "$" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
