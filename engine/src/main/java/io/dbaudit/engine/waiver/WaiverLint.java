package io.dbaudit.engine.waiver;

import io.dbaudit.engine.catalog.RuleCatalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Judgement on a waiver file: unknown rules, expired waivers, expiry too far ahead to be reviewed. */
public final class WaiverLint {
    private WaiverLint() {
    }

    public static List<String> lint(List<Waiver> waivers, RuleCatalog catalog, LocalDate today, int maxDays) {
        List<String> problems = new ArrayList<>();
        for (Waiver w : waivers) {
            if (catalog.rule(w.rule()).isEmpty()) {
                problems.add(w.location() + ": unknown rule " + w.rule());
            }
            if (!w.activeOn(today)) {
                problems.add(w.location() + ": waiver " + w.id() + " expired on " + w.expires());
            } else if (w.expires().isAfter(today.plusDays(maxDays))) {
                problems.add(w.location() + ": waiver " + w.id() + " expires " + w.expires() + ", more than "
                        + maxDays + " days ahead: waivers must come back for review");
            }
            if (w.justification().strip().length() < 10) {
                problems.add(w.location() + ": waiver " + w.id() + " needs a real justification");
            }
        }
        return problems;
    }
}
