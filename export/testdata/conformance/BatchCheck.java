// BatchCheck runs EPUBCheck over many EPUB files in one Java virtual
// machine, which starts once instead of once per file. Usage:
//   java -cp /usr/share/java/epubcheck.jar BatchCheck.java FILE.epub...
// It prints EPUBCheck's messages and one line per file,
//   "RESULT <file> fatals=F errors=E warnings=W",
// and exits 1 when any file has a fatal error, an error or a warning.
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

public class BatchCheck {
  public static void main(String[] args) {
    int bad = 0;
    for (String name : args) {
      DefaultReportImpl report = new DefaultReportImpl(name);
      new EpubCheck(new File(name), report).doValidate();
      int f = report.getFatalErrorCount(), e = report.getErrorCount(), w = report.getWarningCount();
      System.out.println("RESULT " + name + " fatals=" + f + " errors=" + e + " warnings=" + w);
      if (f + e + w > 0) {
        bad++;
      }
    }
    System.exit(bad == 0 ? 0 : 1);
  }
}
