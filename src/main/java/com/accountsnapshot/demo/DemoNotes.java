package com.accountsnapshot.demo;

import java.util.List;
import java.util.SplittableRandom;

import static com.accountsnapshot.demo.DemoCatalogue.pick;

/**
 * The text of a CSM note: one sentence per note type, and now and then the quotes, line breaks, tabs,
 * backslashes and non-Latin text pasted notes carry (which also exercise COPY's escaping).
 */
final class DemoNotes {

    private static final List<String> PASTED_TAILS = List.of(
            "\nAction items:\n- confirm budget owner\n- schedule admin training",
            " Deck saved under \\\\fs01\\cs\\qbr\\2026.",
            "\tFollow-up owner: CSM.",
            " Très bien accueilli — «merci» ✅ 日本語のメモ 🎉",
            " They said it's \"good enough\" for now, 100% of seats used.",
            "\r\nSent from my phone");

    private DemoNotes() {
    }

    static String content(String noteType, SplittableRandom random) {
        String person = DemoCatalogue.personName(random);
        String product = pick(DemoCatalogue.PRODUCTS, random).name();
        int number = 2 + random.nextInt(40);
        String sentence = switch (noteType) {
            case "qbr" -> "QBR with " + person + ": reviewed " + product + " adoption and agreed on " + number
                    + " follow-ups.";
            case "meeting" -> "Met " + person + " to walk through the " + product + " roadmap; next check-in in "
                    + number + " days.";
            case "call" -> "Call with " + person + " about renewal timing, budget for " + product + " looks "
                    + pick(List.of("secure", "tight", "uncertain", "approved"), random) + ".";
            case "email" -> "Emailed " + person + " the \"" + product + "\" usage summary, " + number
                    + " active users last week.";
            default -> "Escalation: " + product + " incident affected " + number + " users, RCA shared with "
                    + person + ".";
        };
        return random.nextInt(15) == 0 ? sentence + pick(PASTED_TAILS, random) : sentence;
    }
}
