package io.molxform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.molxform.testing.MolxformJar;
import io.molxform.testing.MolxformJar.Outcome;
import io.molxform.testing.Outputs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The commands on {@code hdfs://} paths, against an HDFS cluster (a NameNode and a DataNode of
 * Hadoop's own, in this JVM) and the shaded jar as a user runs it: generate, inspect, run on
 * embedded Flink, verify; the products equal the same library's on local disk (a run that
 * small, on the DirectRunner).
 */
class HdfsIT {
  static final Path WORK = ObjectStoreIT.WORK.resolveSibling("hdfs-it");
  static MiniDFSCluster hdfs;
  static String root;
  static String hdfsOption;

  @BeforeAll
  static void startHdfs() throws Exception {
    Files.createDirectories(WORK);
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, WORK.resolve("cluster").toString());
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
    hdfs.waitActive();
    root = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
    hdfsOption = "--hdfsConfiguration=[{\"fs.defaultFS\":\"" + root + "\"}]";
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.shutdown();
    }
  }

  @Test
  void aLibraryGeneratedTransformedAndVerifiedInHdfsMatchesLocalDisk() throws Exception {
    Path local = WORK.resolve("local");
    ok(jar("generate", "--rows=2000", "--files=2", "--seed=4", "--overwrite",
        "--output=" + local.resolve("library")));
    ok(jar("run", "--input=" + local.resolve("library") + "/*.parquet",
        "--output=" + local.resolve("products"), "--overwrite", ObjectStoreIT.TRANSFORMS));

    ok(jar("generate", hdfsOption, "--rows=2000", "--files=2", "--seed=4",
        "--output=" + root + "/library"));
    Outcome library = ok(jar("inspect", hdfsOption,
        root + "/library"));
    assertTrue(library.output().contains("2 file(s), 2,000 rows in all"), library.output());
    Outcome run = ok(jar("run", hdfsOption, "--runner=FlinkRunner",
        "--input=" + root + "/library/*.parquet", "--output=" + root + "/products",
        ObjectStoreIT.TRANSFORMS));
    assertTrue(run.output().contains(root + "/products/_MANIFEST.json"), run.output());
    Outcome verify = ok(jar("verify", hdfsOption,
        root + "/products"));
    assertTrue(verify.output().contains("is a complete, valid molxform output"),
        verify.output());
    Outcome inspect = ok(jar("inspect", hdfsOption,
        root + "/products", "--rows=1"));
    assertTrue(inspect.output().contains("products: product_smiles string"), inspect.output());
    // A second run replaces the first only when asked to.
    Outcome refused = jar("run", hdfsOption,
        "--input=" + root + "/library/*.parquet", "--output=" + root + "/products",
        ObjectStoreIT.TRANSFORMS);
    assertEquals(2, refused.exit(), refused.output());
    assertTrue(refused.output().contains("is not empty (it holds a finished output)"),
        refused.output());

    Path copied = WORK.resolve("copied");
    try (FileSystem fs = FileSystem.newInstance(hdfs.getURI(), hdfs.getConfiguration(0))) {
      // Into a folder that exists, Hadoop would copy one level deeper: start afresh.
      FileSystem.getLocal(new Configuration()).delete(
          new org.apache.hadoop.fs.Path(copied.toString()), true);
      fs.copyToLocalFile(new org.apache.hadoop.fs.Path(root + "/products"),
          new org.apache.hadoop.fs.Path(copied.toString()));
    }
    assertEquals(Outputs.productRows(local.resolve("products")),
        Outputs.productRows(copied),
        "the same products, representatives and counts as on local disk");
  }

  private static Outcome jar(String... args) throws Exception {
    return MolxformJar.run(WORK.resolve("logs"), args);
  }

  private static Outcome ok(Outcome outcome) {
    assertEquals(0, outcome.exit(), outcome.output());
    return outcome;
  }
}
