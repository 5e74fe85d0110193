package com.accountsnapshot.benchmark;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the benchmark's printed lines in its tests. */
final class BenchmarkLines {

    private BenchmarkLines() {
    }

    /** The one line that starts with {@code prefix}; fails unless there is exactly one. */
    static String single(List<String> lines, String prefix) {
        List<String> matching = lines.stream().filter(line -> line.startsWith(prefix)).toList();
        assertThat(matching).as("lines starting with '%s'", prefix).hasSize(1);
        return matching.get(0);
    }

    /** The {@code name=number} pairs of a line. */
    static Map<String, Double> values(String line) {
        Map<String, Double> values = new LinkedHashMap<>();
        Arrays.stream(line.split(" ")).filter(word -> word.matches("[a-z0-9_/]+=-?[0-9.]+")).forEach(word -> {
            int equals = word.indexOf('=');
            values.put(word.substring(0, equals), Double.valueOf(word.substring(equals + 1)));
        });
        return values;
    }
}
