package dev.ersatz.augment.text;

import dev.ersatz.core.InputException;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A CoNLL corpus: one token per line with its tag in the last column (and any columns between, such
 * as part of speech and chunk, kept), sentences separated by blank lines, {@code -DOCSTART-} lines
 * and {@code #} comment lines kept.
 *
 * <p><b>Tag schemes.</b> IOB2 ({@code B-} starts every entity), IOB1 (CoNLL-2003's original:
 * {@code I-} starts an entity, {@code B-} only one that directly follows another of its type), BIOES
 * ({@code S-} single, {@code E-} end) and BILOU ({@code U-}, {@code L-}) are read; the scheme is
 * detected on the whole file and copies are written in it. Tags become entity spans, augmentation
 * keeps the spans aligned, and the spans are written back as tags, so an edited sentence is always
 * well-formed in its scheme.
 *
 * <p>Comment lines before a sentence (such as {@code # intent = book_flight}) are written before the
 * sentence and before each of its copies. A token line augmentation created has {@code _} in the
 * middle columns. Rows in messages are line numbers.
 */
final class ConllCorpus implements TextCorpus {
    private static final Pattern TAG = Pattern.compile("O|[BIESLU]-\\S+");

    enum Scheme { IOB1, IOB2, BIOES, BILOU }

    /** A block of the file: raw lines (-DOCSTART-) or a sentence with the comments before it. */
    private record Block(List<String> raw, List<String> comments, int sentence) {}

    private final List<Block> blocks;
    private final List<Example> examples;
    private final String separator;
    private final Scheme scheme;

    private ConllCorpus(List<Block> blocks, List<Example> examples, String separator, Scheme scheme) {
        this.blocks = blocks;
        this.examples = examples;
        this.separator = separator;
        this.scheme = scheme;
    }

    Scheme scheme() { return scheme; }

    static ConllCorpus read(Path in) {
        String source = in.toString();
        List<String> lines = TextFiles.readLines(in);
        String separator = null;
        List<List<String[]>> sentences = new ArrayList<>();
        List<int[]> firstLines = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        List<String[]> current = new ArrayList<>();
        int currentStart = 0;
        int fields = -1;
        boolean e = false, s = false, l = false, u = false, startsWithI = false;
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i) : "";
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("-DOCSTART-") || (current.isEmpty() && trimmed.startsWith("#"))) {
                if (!current.isEmpty()) {
                    blocks.add(new Block(null, List.copyOf(comments), sentences.size()));
                    sentences.add(current);
                    firstLines.add(new int[] {currentStart});
                    current = new ArrayList<>();
                    comments.clear();
                }
                if (trimmed.startsWith("-DOCSTART-")) {
                    if (!comments.isEmpty()) blocks.add(new Block(List.copyOf(comments), null, -1));
                    comments.clear();
                    blocks.add(new Block(List.of(line), null, -1));
                } else if (trimmed.startsWith("#")) {
                    comments.add(line);
                }
                continue;
            }
            if (separator == null) separator = line.indexOf('\t') >= 0 ? "\t" : " ";
            String[] f = trimmed.split(separator.equals("\t") ? "\t" : "\\s+");
            if (f.length < 2) {
                throw new InputException(source, i + 1, null, line, "expected a token and a tag separated by whitespace");
            }
            if (fields < 0) fields = f.length;
            if (f.length != fields) {
                throw new InputException(source, i + 1, null, line, "has " + f.length + " columns, the file's first token line has " + fields);
            }
            String tag = f[f.length - 1];
            if (!TAG.matcher(tag).matches()) {
                throw new InputException(source, i + 1, "tag", tag, "not an entity tag: expected O, or B-, I-, E-, S-, L- or U- and a type");
            }
            char k = tag.charAt(0);
            e |= k == 'E';
            s |= k == 'S';
            l |= k == 'L';
            u |= k == 'U';
            if (k == 'I') {
                String prev = current.isEmpty() ? "O" : current.get(current.size() - 1)[current.get(current.size() - 1).length - 1];
                startsWithI |= prev.equals("O") || !prev.substring(2).equals(tag.substring(2));
            }
            if (current.isEmpty()) currentStart = i + 1;
            current.add(f);
        }
        if (!comments.isEmpty()) blocks.add(new Block(List.copyOf(comments), null, -1));
        if (sentences.isEmpty()) throw new InputException(source, "no sentences: nothing to augment");
        if ((e || s) && (l || u)) throw new InputException(source, "mixes BIOES (E-, S-) and BILOU (L-, U-) tags");
        Scheme scheme = (e || s) ? Scheme.BIOES : (l || u) ? Scheme.BILOU : startsWithI ? Scheme.IOB1 : Scheme.IOB2;
        List<Example> examples = new ArrayList<>(sentences.size());
        for (int k = 0; k < sentences.size(); k++) examples.add(new Example(toDoc(sentences.get(k), scheme, source, firstLines.get(k)[0]), null));
        return new ConllCorpus(blocks, Collections.unmodifiableList(examples), separator == null ? " " : separator, scheme);
    }

    /** Turns tags into entity indexes; a tag that cannot continue the entity before it is an error naming its line. */
    static Doc toDoc(List<String[]> rows, Scheme scheme, String source, int firstLine) {
        List<Token> tokens = new ArrayList<>(rows.size());
        List<String> types = new ArrayList<>();
        int open = -1;
        String openType = null;
        boolean closed = true;
        for (int i = 0; i < rows.size(); i++) {
            String[] f = rows.get(i);
            String tag = f[f.length - 1];
            char k = tag.charAt(0);
            String type = tag.length() > 2 ? tag.substring(2) : null;
            boolean continues = type != null && type.equals(openType) && !closed;
            int entity;
            if (k == 'O') {
                entity = -1;
                openType = null;
            } else {
                boolean start = switch (scheme) {
                    case IOB1 -> k == 'B' || !continues;
                    case IOB2 -> k == 'B' || !continues;
                    case BIOES, BILOU -> k == 'B' || k == 'S' || k == 'U';
                };
                if (!start && !continues) {
                    throw new InputException(source, firstLine + i, "tag", tag, "continues no entity (the tag before it is "
                            + (i == 0 ? "the sentence start" : rows.get(i - 1)[rows.get(i - 1).length - 1]) + ")");
                }
                if (start) {
                    types.add(type);
                    open = types.size() - 1;
                    openType = type;
                }
                entity = open;
                closed = k == 'E' || k == 'S' || k == 'L' || k == 'U';
            }
            if (k == 'O') closed = true;
            String[] middle = f.length > 2 ? Arrays.copyOfRange(f, 1, f.length - 1) : null;
            tokens.add(new Token(f[0], i == 0 ? "" : " ", entity, middle));
        }
        return new Doc(tokens, types, "");
    }

    /** The tags of a document in {@code scheme}. */
    static String[] tags(Doc doc, Scheme scheme) {
        String[] out = new String[doc.size()];
        Arrays.fill(out, "O");
        int prevEnd = -1;
        String prevType = null;
        for (Span sp : doc.tokenSpans()) {
            boolean single = sp.end() - sp.start() == 1;
            for (int t = sp.start(); t < sp.end(); t++) {
                char k;
                boolean first = t == sp.start(), last = t == sp.end() - 1;
                k = switch (scheme) {
                    case IOB2 -> first ? 'B' : 'I';
                    case IOB1 -> first && prevEnd == sp.start() && sp.label().equals(prevType) ? 'B' : 'I';
                    case BIOES -> single ? 'S' : first ? 'B' : last ? 'E' : 'I';
                    case BILOU -> single ? 'U' : first ? 'B' : last ? 'L' : 'I';
                };
                out[t] = k + "-" + sp.label();
            }
            prevEnd = sp.end();
            prevType = sp.label();
        }
        return out;
    }

    @Override
    public List<Example> examples() { return examples; }

    @Override
    public void write(Path out, List<List<Augmented>> copies) {
        TextFiles.writeAtomically(out, w -> {
            for (Block b : blocks) {
                if (b.raw != null) {
                    for (String line : b.raw) w.write(line + "\n");
                    if (b.raw.size() == 1 && b.raw.get(0).strip().startsWith("-DOCSTART-")) w.write("\n");
                    continue;
                }
                Example ex = examples.get(b.sentence);
                writeSentence(w, b.comments, ex.doc());
                for (Augmented a : copies.get(b.sentence)) writeSentence(w, b.comments, a.doc());
            }
        });
    }

    private void writeSentence(Writer w, List<String> comments, Doc doc) throws IOException {
        for (String c : comments) w.write(c + "\n");
        String[] tags = tags(doc, scheme);
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < doc.size(); t++) {
            Token tok = doc.token(t);
            sb.setLength(0);
            sb.append(tok.text());
            if (tok.columns() != null) for (String c : tok.columns()) sb.append(separator).append(c);
            sb.append(separator).append(tags[t]).append('\n');
            w.write(sb.toString());
        }
        w.write('\n');
    }
}
