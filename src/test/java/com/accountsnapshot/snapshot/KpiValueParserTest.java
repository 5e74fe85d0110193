package com.accountsnapshot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KpiValueParserTest {

    @ParameterizedTest(name = "\"{0}\" reads as {1}")
    @CsvSource(delimiter = '|', value = {
            "$2.5K      | 2500",
            "85%        | 85",
            "1,200      | 1200",
            "3 days     | 3",
            "12 hours   | 12",
            "40 users   | 40",
            "-4.5       | -4.5",
            "2M         | 2000000",
            "1.5m       | 1500000",
            "7k         | 7000",
            "$1,250.50  | 1250.50",
            "'  42  '   | 42",
            "0          | 0",
            "99.9%      | 99.9",
            "$-5        | -5",
    })
    void kpiValueParsing(String data, String expected) {
        assertThat(KpiValueParser.parse(data)).hasValueSatisfying(
                value -> assertThat(value).isEqualByComparingTo(new BigDecimal(expected)));
    }

    @ParameterizedTest(name = "\"{0}\" is unscored")
    @ValueSource(strings = {
            "", "   ", "text", "abc", "N/A", "1e3", "+5", ".5", "5.", "1.2.3", "5 6", "3 days hours", "$", "%",
            "K", "-", "-$5", "$$5", "5%%", "85 %", "5KK", "1,2.3.4", "٣", "3\tdays\n7"
    })
    void kpiValueParsingRejectsWhatIsNotOneNumber(String data) {
        assertThat(KpiValueParser.parse(data)).isEmpty();
    }

    @Test
    void nullDataIsUnscored() {
        assertThat(KpiValueParser.parse(null)).isEmpty();
    }

    @Test
    void onlyOneTrailingUnitWordIsDropped() {
        assertThat(KpiValueParser.parse("3 business days")).isEmpty();
        assertThat(KpiValueParser.parse("3  days")).hasValue(new BigDecimal("3"));
    }

    /**
     * The hand-written scans agree with the regular expressions that state the rules, on texts drawn from the
     * characters that matter to them (whitespace of every kind, ASCII and other letters, digits, signs).
     */
    @Test
    void scansAgreeWithTheRegularExpressionsTheyReplace() {
        Pattern trailingUnitWord = Pattern.compile("\\s+[A-Za-z]+\\z");
        Pattern plainNumber = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
        String alphabet = " \t\n\u000B\f\r\u00A0\u2003aZkKmM\u00E9\u212A09\u0663.-,$%";
        SplittableRandom random = new SplittableRandom(20261128);
        int unitWords = 0;
        int numbers = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(9); length > 0; length--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = text.toString();
            String expected = trailingUnitWord.matcher(candidate).replaceFirst("");
            assertThat(KpiValueParser.withoutTrailingUnitWord(candidate)).as("unit word of \"%s\"", candidate)
                    .isEqualTo(expected);
            assertThat(KpiValueParser.isPlainNumber(candidate)).as("\"%s\" is a plain number", candidate)
                    .isEqualTo(plainNumber.matcher(candidate).matches());
            unitWords += expected.equals(candidate) ? 0 : 1;
            numbers += plainNumber.matcher(candidate).matches() ? 1 : 0;
        }
        // both rules were exercised both ways, not only on texts that fail them
        assertThat(unitWords).isGreaterThan(1_000);
        assertThat(numbers).isGreaterThan(1_000);
    }
}
