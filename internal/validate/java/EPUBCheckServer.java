// EPUBCheckServer runs EPUBCheck over EPUB files one after another in one
// Java virtual machine, which starts (and compiles its checker) once for
// a whole test binary instead of once per file. Usage:
//   java -cp /usr/share/java/epubcheck.jar EPUBCheckServer.java
// Each line of standard input is "check FILE" or "usage FILE" (the second
// also reports EPUBCheck's usage notes, as its --usage flag does). For
// each, it prints EPUBCheck's messages, then one line,
//   "RESULT fatals=F errors=E warnings=W",
// and flushes. It ends at the end of its input.
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import com.adobe.epubcheck.util.ReportingLevel;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;

public class EPUBCheckServer {
  public static void main(String[] args) throws Exception {
    System.setErr(System.out); // the messages, in order with the results
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
    for (String line; (line = in.readLine()) != null; ) {
      int space = line.indexOf(' ');
      String name = line.substring(space + 1);
      DefaultReportImpl report = new DefaultReportImpl(name);
      if (line.startsWith("usage ")) {
        report.setReportingLevel(ReportingLevel.Usage);
      }
      int crashed = 0;
      try {
        new EpubCheck(new File(name), report).doValidate();
      } catch (Throwable ex) { // a stack overflow on a deep book among them
        System.out.println("FATAL(EPUBCheckServer): " + name + ": " + ex);
        crashed = 1;
      }
      System.out.println("RESULT fatals=" + (report.getFatalErrorCount() + crashed)
          + " errors=" + report.getErrorCount() + " warnings=" + report.getWarningCount());
      System.out.flush();
    }
  }
}
