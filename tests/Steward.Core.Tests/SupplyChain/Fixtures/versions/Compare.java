import org.apache.maven.artifact.versioning.ComparableVersion;
import java.nio.file.*;
import java.util.*;
public class Compare {
  public static void main(String[] a) throws Exception {
    List<String> v = Files.readAllLines(Paths.get(a[0]));
    for (String x : v) for (String y : v) {
      int c = Integer.signum(new ComparableVersion(x).compareTo(new ComparableVersion(y)));
      System.out.println(x + "\t" + y + "\t" + c);
    }
  }
}
