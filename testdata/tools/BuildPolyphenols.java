import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.openscience.cdk.inchi.InChIGeneratorFactory;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IMolecularFormula;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;
import org.openscience.cdk.tools.manipulator.MolecularFormulaManipulator;
import uk.ac.cam.ch.wwmm.opsin.NameToStructure;

/**
 * Builds the test library from polyphenols-source.tsv: each systematic name goes through OPSIN,
 * the structure's molecular formula (CDK) must equal the formula written in the source (and its
 * InChIKey the reference key, where the source gives one), and the result is written as polyphenols.tsv (readable) and polyphenols.parquet (the library).
 *
 * <p>Run through build-polyphenols.sh, which supplies the classpath.
 */
public class BuildPolyphenols {

  record Row(String id, String name, String smiles, String formula, String cls) {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "testdata");
    List<Row> rows = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    NameToStructure opsin = NameToStructure.getInstance();
    SmilesParser parser = new SmilesParser(SilentChemObjectBuilder.getInstance());

    for (String line : Files.readAllLines(dir.resolve("polyphenols-source.tsv"), StandardCharsets.UTF_8)) {
      if (line.startsWith("#") || line.startsWith("id\t") || line.isBlank()) continue;
      String[] f = line.split("\t", -1);
      String id = f[0], name = f[1], systematic = f[2], formula = f[3], cls = f[4], given = f[5];
      String referenceInchiKey = f[6];
      if (systematic.equals("-")) {
        rows.add(new Row(id, name, given.equals("\\N") ? null : given, "", cls));
        continue;
      }
      String smiles = opsin.parseToSmiles(systematic);
      if (smiles == null) {
        problems.add(id + " " + name + ": OPSIN cannot parse '" + systematic + "'");
        continue;
      }
      IAtomContainer mol = parser.parseSmiles(smiles);
      String actual = formulaWithCharge(mol);
      if (!actual.equals(formula)) {
        problems.add(id + " " + name + ": formula " + actual + " from OPSIN, source says " + formula
            + " (" + smiles + ")");
      }
      if (!referenceInchiKey.isEmpty()) {
        String key = InChIGeneratorFactory.getInstance().getInChIGenerator(mol).getInchiKey();
        if (!referenceInchiKey.equals(key)) {
          problems.add(id + " " + name + ": InChIKey " + key + ", reference " + referenceInchiKey);
        }
      }
      rows.add(new Row(id, name, smiles, actual, cls));
    }
    if (!problems.isEmpty()) {
      problems.forEach(System.err::println);
      System.exit(1);
    }

    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("polyphenols.tsv")))) {
      out.println("id\tname\tclass\tformula\tsmiles");
      for (Row r : rows) {
        out.println(String.join("\t", r.id, r.name, r.cls, r.formula, r.smiles == null ? "\\N" : r.smiles));
      }
    }
    writeParquet(dir.resolve("polyphenols.parquet"), rows);
    System.out.println("wrote " + rows.size() + " rows to " + dir.resolve("polyphenols.parquet"));
  }

  static String formulaWithCharge(IAtomContainer mol) {
    int charge = AtomContainerManipulator.getTotalFormalCharge(mol);
    IMolecularFormula formula = MolecularFormulaManipulator.getMolecularFormula(mol);
    formula.setCharge(0);
    String hill = MolecularFormulaManipulator.getString(formula);
    return hill + (charge > 0 ? "+".repeat(charge) : "-".repeat(-charge));
  }

  static void writeParquet(Path file, List<Row> rows) throws IOException {
    Schema schema = SchemaBuilder.record("Molecule").namespace("io.molxform.testdata").fields()
        .requiredString("id")
        .requiredString("name")
        .optionalString("smiles")
        .requiredString("class")
        .endRecord();
    Files.deleteIfExists(file);
    try (ParquetWriter<GenericRecord> writer =
        AvroParquetWriter.<GenericRecord>builder(
                HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))
            .withSchema(schema)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withWriteMode(ParquetFileWriter.Mode.CREATE)
            .build()) {
      for (Row r : rows) {
        GenericRecord rec = new GenericData.Record(schema);
        rec.put("id", r.id);
        rec.put("name", r.name);
        rec.put("smiles", r.smiles);
        rec.put("class", r.cls);
        writer.write(rec);
      }
    }
  }
}
