package dev.ersatz.bench.text;

import java.util.List;

/** A binary text classifier for the augmentation benchmark: trained on (text, 0/1) pairs, predicts 0/1. */
interface TextClassifier {
    /** Trains from scratch on the texts and labels (0 or 1), with a fixed seed for the example order. */
    void fit(List<String> texts, int[] labels, long seed);

    /** The predicted label of a text. */
    int predict(String text);

    default double accuracy(List<String> texts, int[] labels) {
        int ok = 0;
        for (int i = 0; i < texts.size(); i++) if (predict(texts.get(i)) == labels[i]) ok++;
        return (double) ok / texts.size();
    }
}
