package io.molxform.beam;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The timeline lists phases in the order they began, each with its first and last mark. */
class RunTimelineTest {
  @AfterEach
  void forget() {
    RunTimeline.reset();
  }

  @Test
  void phasesAppearInTheOrderTheyBeganWithTheirSpans() throws InterruptedException {
    RunTimeline.reset();
    RunTimeline.mark("read");
    RunTimeline.mark("chemistry");
    Thread.sleep(100);
    RunTimeline.mark("read");
    RunTimeline.mark("manifest");
    String line = RunTimeline.line();
    Matcher m = Pattern.compile("timeline \\(s since the JVM started\\): read (\\d+\\.\\d\\d)-"
        + "(\\d+\\.\\d\\d); chemistry (\\d+\\.\\d\\d); manifest (\\d+\\.\\d\\d);").matcher(line);
    assertTrue(m.matches(), line);
    double readFrom = Double.parseDouble(m.group(1));
    double readTo = Double.parseDouble(m.group(2));
    assertTrue(readTo - readFrom >= 0.09, "the span covers the sleep: " + line);
    assertTrue(Double.parseDouble(m.group(4)) >= readTo, line);
    assertTrue(readFrom > 0, "seconds since the JVM started, not since the first mark: " + line);
  }
}
