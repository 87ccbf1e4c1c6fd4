package io.molxform.beam;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * What flows from the chemistry to the writers, keyed by a {@link RecordKey}: product candidates
 * and, beside them in the same stream, the molecules of the input, the reject rows and the run's
 * counts. Each record holds its own identity (a product its transform and SMILES, a count its
 * name); the key is only a hash of it.
 *
 * <p>One stream rather than one collection per kind, because the Flink runner hands every
 * element of a multi-output step to every consumer of any of its outputs: with products,
 * rejects and counts as separate outputs, each product crossed the network (and, behind a
 * blocking exchange, the disk) once per output. In one stream, the dedup's shuffle carries the
 * few rejects and counts with the products, and the writer sorts them out.
 *
 * <p>The coder writes SMILES packed ({@link PackedSmiles}): the shuffle's bytes on disk are the
 * coder's bytes.
 */
public sealed interface ChemistryRecord {

  /**
   * A product candidate: its transform (index in the run's list) and canonical SMILES, the parent
   * chosen to represent it, the parents that made it, and whether the input library holds the
   * same molecule.
   */
  record Product(int transform, String smiles, String parentId, String parentSmiles, int sites,
      int parentCount, List<String> carried, boolean inInput) implements ChemistryRecord {

    /**
     * The order that picks a product's representative parent: smallest id, then smallest
     * SMILES, then fewest sites, so that any runner and any input order choose the same row.
     */
    public static final Comparator<Product> REPRESENTATIVE_ORDER =
        Comparator.comparing(Product::parentId)
            .thenComparing(Product::parentSmiles)
            .thenComparingInt(Product::sites);

    public static Product of(int transform, String smiles, String parentId,
        String parentSmiles, int sites, List<String> carried) {
      return new Product(transform, smiles, parentId, parentSmiles, sites, 1, carried, false);
    }

    public RecordKey key() {
      return RecordKey.product(transform, smiles);
    }

    /** The representative of both, made by the parents of both. */
    Product merge(Product other) {
      Product kept = REPRESENTATIVE_ORDER.compare(this, other) <= 0 ? this : other;
      return new Product(transform, smiles, kept.parentId, kept.parentSmiles, kept.sites,
          parentCount + other.parentCount, kept.carried, inInput || other.inInput);
    }

    Product markInInput() {
      return new Product(transform, smiles, parentId, parentSmiles, sites, parentCount, carried,
          true);
    }

    public ProductRow toRow(String transformName) {
      return new ProductRow(transformName, smiles, parentId, parentSmiles, sites, parentCount,
          carried);
    }
  }

  /**
   * A molecule of the input under the product key of one transform: it meets that transform's
   * product of the same canonical SMILES in the dedup, which then leaves it out.
   */
  record InputMolecule(int transform, String smiles) implements ChemistryRecord {
    public RecordKey key() {
      return RecordKey.product(transform, smiles);
    }
  }

  /** A reject row; its key is random, so the dedup passes it through alone. */
  record Reject(RejectRow row) implements ChemistryRecord {}

  /** Part of a {@link Tally} count; the dedup adds up the parts of one count. */
  record Count(String tally, long value) implements ChemistryRecord {
    public RecordKey key() {
      return RecordKey.count(tally);
    }
  }

  /**
   * Merges two records under one key: products keep their representative, an input molecule
   * marks the product it meets, counts add up. Records of different identities under one key
   * (a hash collision, or two rejects with the same random key) fail the run rather than merge.
   */
  static ChemistryRecord merge(ChemistryRecord left, ChemistryRecord right) {
    if (left instanceof Product a && right instanceof Product b && sameMolecule(a, b)) {
      return a.merge(b);
    }
    if (left instanceof Product a && right instanceof InputMolecule m && sameMolecule(a, m)) {
      return a.markInInput();
    }
    if (left instanceof InputMolecule m && right instanceof Product b && sameMolecule(b, m)) {
      return b.markInInput();
    }
    if (left instanceof InputMolecule a && right instanceof InputMolecule b && a.equals(b)) {
      return left;
    }
    if (left instanceof Count a && right instanceof Count b && a.tally().equals(b.tally())) {
      return new Count(a.tally(), a.value() + b.value());
    }
    throw new IllegalStateException("two different records share a shuffle key (a 128-bit hash "
        + "collision); nothing was merged: " + left + " and " + right);
  }

  private static boolean sameMolecule(Product a, Product b) {
    return a.transform() == b.transform() && a.smiles().equals(b.smiles());
  }

  private static boolean sameMolecule(Product a, InputMolecule m) {
    return a.transform() == m.transform() && a.smiles().equals(m.smiles());
  }

  /** Compact, tagged encoding: the shuffle's size follows from it. */
  final class Coder extends CustomCoder<ChemistryRecord> {
    private static final long serialVersionUID = 1L;
    private static final int PRODUCT = 0;
    private static final int INPUT_MOLECULE = 1;
    private static final int REJECT = 2;
    private static final int COUNT = 3;
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();
    private static final VarIntCoder INT = VarIntCoder.of();
    private static final VarLongCoder LONG = VarLongCoder.of();
    private static final ListCoder<String> LIST = ListCoder.of(NullableCoder.of(STRING));
    private static final RejectRow.Coder REJECT_ROW = new RejectRow.Coder();

    @Override
    public void encode(ChemistryRecord record, OutputStream out) throws IOException {
      if (record instanceof Product p) {
        out.write(PRODUCT | (p.inInput() ? 0x10 : 0) | (p.carried().isEmpty() ? 0 : 0x20));
        INT.encode(p.transform(), out);
        PackedSmiles.encode(p.smiles(), out);
        STRING.encode(p.parentId(), out);
        PackedSmiles.encode(p.parentSmiles(), out);
        INT.encode(p.sites(), out);
        INT.encode(p.parentCount(), out);
        if (!p.carried().isEmpty()) {
          LIST.encode(p.carried(), out);
        }
      } else if (record instanceof InputMolecule m) {
        out.write(INPUT_MOLECULE);
        INT.encode(m.transform(), out);
        PackedSmiles.encode(m.smiles(), out);
      } else if (record instanceof Reject r) {
        out.write(REJECT);
        REJECT_ROW.encode(r.row(), out);
      } else if (record instanceof Count c) {
        out.write(COUNT);
        STRING.encode(c.tally(), out);
        LONG.encode(c.value(), out);
      }
    }

    @Override
    public ChemistryRecord decode(InputStream in) throws IOException {
      int tag = in.read();
      if (tag < 0) {
        throw new IOException("end of stream where a record was expected");
      }
      return switch (tag & 0x0f) {
        case PRODUCT -> new Product(INT.decode(in), PackedSmiles.decode(in), STRING.decode(in),
            PackedSmiles.decode(in), INT.decode(in), INT.decode(in),
            (tag & 0x20) != 0 ? LIST.decode(in) : List.of(), (tag & 0x10) != 0);
        case INPUT_MOLECULE -> new InputMolecule(INT.decode(in), PackedSmiles.decode(in));
        case REJECT -> new Reject(REJECT_ROW.decode(in));
        case COUNT -> new Count(STRING.decode(in), LONG.decode(in));
        default -> throw new IOException("unknown record tag " + tag);
      };
    }

    @Override
    public void verifyDeterministic() {}
  }
}
