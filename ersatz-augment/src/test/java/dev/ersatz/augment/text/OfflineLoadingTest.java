package dev.ersatz.augment.text;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WordNet and the tagger model come from jars on the classpath and nothing goes to the network:
 * every URL connection and socket consults the default ProxySelector first, so one that records each
 * request catches any download attempt.
 */
class OfflineLoadingTest {
    @Test
    void lexiconAndTagger_loadFromClasspathJars_withoutAnyNetworkRequest() {
        URL wordnet = getClass().getClassLoader().getResource("net/sf/extjwnl/data/wordnet/wn31/data.noun");
        URL model = getClass().getClassLoader().getResource(PosTagger.MODEL_RESOURCE);
        assertThat(wordnet).isNotNull();
        assertThat(model).isNotNull();
        assertThat(wordnet.getProtocol()).isIn("jar", "file");
        assertThat(model.getProtocol()).isIn("jar", "file");

        List<URI> requests = new ArrayList<>();
        ProxySelector before = ProxySelector.getDefault();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                synchronized (requests) { requests.add(uri); }
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
        });
        try {
            // Fresh instances, so the loading itself happens under the trap whatever ran before.
            assertThat(Lexicon.load().synonyms("film", WordClass.NOUN)).contains("movie");
            assertThat(PosTagger.load().tag(new String[] {"a", "good", "film"})).containsExactly("DET", "ADJ", "NOUN");
        } finally {
            ProxySelector.setDefault(before);
        }
        assertThat(requests).isEmpty();
    }
}
