package dev.ersatz.augment.text;

import dev.ersatz.core.InputException;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrammarTest {
    static final String FLIGHTS = """
            { "intents": {
                "book_flight": { "templates": ["<please> book a flight from {from:city} to {to:city} on {date}",
                                               "i need to fly to {to:city} <when>"] },
                "check_price": ["how much is a ticket to {to:city}", "is {price} a good price for {to:city}"],
                "greet": { "templates": ["<hello>", "<hello> {person}"], "count": 40 } },
              "slots": {
                "city": ["paris", "new york", "tokyo", "são paulo", "lisbon"],
                "date": { "generator": "date", "from": "2025-01-01", "to": "2025-12-31", "format": "MMMM d" },
                "price": { "generator": "amount", "min": 20, "max": 900, "decimals": 2, "prefix": "$" },
                "person": { "generator": "name", "part": "first" } },
              "rules": {
                "please": ["please", "", "could you"],
                "when": ["{date}", "next week", "as soon as possible"],
                "hello": ["hi", "hello", "hey there", "<hello> <hello>"] } }
            """;

    @Test
    void generate_countsDistinctSentencesWithSpansOnTheirValues() {
        Grammar g = Grammar.parse(FLIGHTS, "flights.json");
        List<Generated> rows = GrammarGenerator.generate(g, 300, 7);
        Map<String, Integer> per = new TreeMap<>();
        Set<String> texts = new HashSet<>();
        for (Generated r : rows) {
            per.merge(r.intent(), 1, Integer::sum);
            assertThat(texts.add(r.text())).as(r.text()).isTrue();
            assertThat(r.text()).doesNotContain("  ").isEqualTo(r.text().strip());
            for (Span s : r.slots()) {
                String v = r.text().substring(r.text().offsetByCodePoints(0, s.start()), r.text().offsetByCodePoints(0, s.end()));
                switch (s.label()) {
                    case "from", "to" -> assertThat(v).isIn("paris", "new york", "tokyo", "são paulo", "lisbon");
                    case "date" -> assertThat(v).matches("[A-Z][a-z]+ \\d{1,2}");
                    case "price" -> assertThat(v).matches("\\$\\d{2,3}\\.\\d{2}");
                    case "person" -> assertThat(v).matches("\\S+");
                    default -> throw new AssertionError("unexpected slot " + s.label());
                }
            }
            // The tokenized document agrees with the spans (slots are whole tokens).
            assertThat(r.doc().charSpans()).isEqualTo(r.slots());
        }
        assertThat(per).containsEntry("book_flight", 300).containsEntry("check_price", 300).containsEntry("greet", 40);
        assertThat(rows.get(0).intent()).isEqualTo("book_flight");
    }

    @Test
    void generate_sameSeedSameRows_otherSeedOtherRows() {
        Grammar g = Grammar.parse(FLIGHTS, "flights.json");
        assertThat(GrammarGenerator.generate(g, 100, 1)).isEqualTo(GrammarGenerator.generate(g, 100, 1)).isNotEqualTo(GrammarGenerator.generate(g, 100, 2));
    }

    @Test
    void parse_errors_nameIntentTemplateSlotOrRule() {
        assertThatThrownBy(() -> Grammar.parse("{\"intents\": {\"a\": [\"go to {cty}\"]}, \"slots\": {\"city\": [\"x\"]}}", "g.json"))
                .isInstanceOf(InputException.class)
                .hasMessage("g.json: intent 'a', template 1 (\"go to {cty}\"): slot 'cty' is not defined (slots: city)");
        assertThatThrownBy(() -> Grammar.parse("{\"intents\": {\"a\": [\"<x>\"]}, \"rules\": {\"x\": [\"<y> and\"], \"y\": [\"<x>\"]}}", "g.json"))
                .hasMessageContaining("rule 'x' can never finish");
        assertThatThrownBy(() -> Grammar.parse("{\"intents\": {\"a\": [\"<nope>\"]}}", "g.json"))
                .hasMessageContaining("rule 'nope' is not defined");
        assertThatThrownBy(() -> Grammar.parse("{\"intents\": {\"a\": [\"{d}\"]}, \"slots\": {\"d\": {\"generator\": \"date\", \"from\": \"2025-13-01\"}}}", "g.json"))
                .hasMessageContaining("slot 'd': \"from\" must be a date");
        assertThatThrownBy(() -> Grammar.parse("{\"intents\": {\"a\": [\"go {to\"]}}", "g.json")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> Grammar.parse("{\"intents\": {}}", "g.json")).hasMessageContaining("non-empty");
    }

    @Test
    void generate_tooFewDistinctSentences_isAnErrorNotAShortOutput() {
        Grammar g = Grammar.parse("{\"intents\": {\"yes\": [\"{w}\"]}, \"slots\": {\"w\": [\"yes\", \"sure\", \"ok\"]}}", "g.json");
        assertThat(GrammarGenerator.generate(g, 3, 0)).hasSize(3);
        assertThatThrownBy(() -> GrammarGenerator.generate(g, 4, 0)).isInstanceOf(InputException.class)
                .hasMessageContaining("intent 'yes': only 3 distinct sentences").hasMessageContaining("4 asked");
    }

    @Test
    void generate_recursiveRuleWithATerminal_alwaysFinishes() {
        Grammar g = Grammar.parse("{\"intents\": {\"a\": [\"<r>\"]}, \"rules\": {\"r\": [\"very <r>\", \"very <r> <r>\", \"good\"]}}", "g.json");
        List<Generated> rows = GrammarGenerator.generate(g, 200, 3);
        for (Generated r : rows) assertThat(r.text()).endsWith("good");
    }
}
