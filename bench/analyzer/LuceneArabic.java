// Driver for Lucene's ArabicAnalyzer (Debian liblucene8-java) with the `khabar tokenize` contract:
// reads UTF-8 lines on stdin, prints each line's tokens separated by single spaces, exactly one
// output line per input line (an empty line for a line without tokens).
// Usage: java -cp classes:lucene-core.jar:lucene-analyzers-common.jar LuceneArabic [--no-stopwords]
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

public final class LuceneArabic {
  public static void main(String[] args) throws IOException {
    boolean stop = true;
    for (String a : args) {
      if (a.equals("--no-stopwords")) {
        stop = false;
      } else {
        System.err.println("usage: LuceneArabic [--no-stopwords] < lines > tokens");
        System.exit(2);
      }
    }
    ArabicAnalyzer analyzer = stop ? new ArabicAnalyzer() : new ArabicAnalyzer(CharArraySet.EMPTY_SET);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 20);
    BufferedWriter out =
        new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 20);
    String line;
    while ((line = in.readLine()) != null) {
      try (TokenStream ts = analyzer.tokenStream("body", line)) {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        ts.reset();
        boolean first = true;
        while (ts.incrementToken()) {
          if (!first) {
            out.write(' ');
          }
          out.write(term.buffer(), 0, term.length());
          first = false;
        }
        ts.end();
      }
      out.write('\n');
    }
    out.flush();
    analyzer.close();
  }
}
