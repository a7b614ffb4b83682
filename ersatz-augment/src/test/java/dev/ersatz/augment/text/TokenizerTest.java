package dev.ersatz.augment.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenizerTest {
    @Test
    void tokenize_anyText_rebuildsItByteForByte() {
        for (String s : List.of("  Hello,  world!!  ", "it's 3.5 km -- isn't it?\tyes\n", "", "   ", "naïve café 🎬 films...", "co-writer/director's cut")) {
            assertThat(Tokenizer.tokenize(s).text()).isEqualTo(s);
        }
    }

    @Test
    void tokenize_words_joinApostrophesHyphensAndDecimals() {
        assertThat(Tokenizer.tokenize("don't jean-claud 10,000 3.5 end.").words())
                .containsExactly("don't", "jean-claud", "10,000", "3.5", "end", ".");
        assertThat(Tokenizer.tokenize("wow!!! ok...").words()).containsExactly("wow", "!!!", "ok", "...");
    }

    @Test
    void tokenize_entities_cutWordsAtTheirBoundariesAndCountCodePoints() {
        // "🎬" is two chars but one code point: offsets after it count it once.
        Doc d = Tokenizer.tokenize("🎬 Paris-based Acme Corp", List.of(new Span(2, 7, "LOC"), new Span(14, 23, "ORG")));
        assertThat(d.words()).containsExactly("🎬", "Paris", "-", "based", "Acme", "Corp");
        assertThat(d.tokenSpans()).containsExactly(new Span(1, 2, "LOC"), new Span(4, 6, "ORG"));
        assertThat(d.charSpans()).containsExactly(new Span(2, 7, "LOC"), new Span(14, 23, "ORG"));
    }

    @Test
    void tokenize_badSpans_nameTheSpan() {
        assertThatThrownBy(() -> Tokenizer.tokenize("a b", List.of(new Span(0, 9, "X")))).hasMessageContaining("ends after the text");
        assertThatThrownBy(() -> Tokenizer.tokenize("abc def", List.of(new Span(0, 5, "X"), new Span(4, 7, "Y")))).hasMessageContaining("overlaps");
        assertThatThrownBy(() -> Tokenizer.tokenize("a   b", List.of(new Span(1, 3, "X")))).hasMessageContaining("covers no word");
    }

    @Test
    void doc_splitEntity_isRejected() {
        assertThatThrownBy(() -> new Doc(List.of(new Token("a", "", 0, null), Token.of("b", " "), new Token("c", " ", 0, null)), List.of("X"), ""))
                .hasMessageContaining("split");
    }
}
