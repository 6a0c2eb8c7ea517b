package org.livecam.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line the way a POSIX shell splits words, without running a shell: blanks
 * separate words; '...' is literal; "..." keeps blanks and lets a backslash escape " \ $ and `;
 * a backslash outside quotes escapes the next character. A word that begins with an unquoted
 * {@code #} starts the options ({@code #stall=30s}), as a shell comment would end the command.
 * No globbing, variables or pipes: write {@code sh -c '...'} for those.
 */
final class ShellWords {
    /** The command's words and the text after an unquoted {@code #}, or "" when there is none. */
    record Parsed(List<String> words, String options) {
    }

    private ShellWords() {
    }

    static Parsed split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '#' && !inWord) {
                return new Parsed(List.copyOf(words), line.substring(i + 1).trim());
            } else if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed ' in command: " + line);
                }
                word.append(line, i + 1, close);
                inWord = true;
                i = close + 1;
            } else if (c == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unclosed \" in command: " + line);
                    }
                    char d = line.charAt(i);
                    if (d == '"') {
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < n && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        d = line.charAt(++i);
                    }
                    word.append(d);
                    i++;
                }
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new IllegalArgumentException("command ends with a lone backslash: " + line);
                }
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return new Parsed(List.copyOf(words), "");
    }
}
