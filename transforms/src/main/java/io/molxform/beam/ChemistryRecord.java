package io.molxform.beam;

import io.molxform.chem.Product;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * What flows from the chemistry to the writers, under a {@link RecordKey}: product candidates
 * and, beside them in the same stream, the molecules of the input, the reject rows and the run's
 * counts and the parents sampled for the run report. A product's identity (transform and
 * SMILES) is its key; the record holds the rest.
 *
 * <p>One stream rather than one collection per kind, because the Flink runner hands every
 * element of a multi-output step to every consumer of any of its outputs: with products,
 * rejects and counts as separate outputs of the chemistry, each product crossed the network
 * (and, behind a blocking exchange, the disk) once per output. The dedup splits the stream where
 * the products leave it: the exact dedup writes them to its bucket files and passes on only
 * their files' names, the counts and the rejects.
 *
 * <p>The coder writes SMILES packed ({@link PackedSmiles}) for the records that cross an
 * exchange between steps or the Bloom dedup's shuffle: Flink's batch sorter spills uncompressed.
 */
public sealed interface ChemistryRecord {

  /**
   * A product candidate: the parent chosen to represent it, the parents that made it, and
   * whether the input library holds the same molecule.
   */
  record Product(String parentId, String parentSmiles, int sites, int parentCount,
      List<String> carried, boolean inInput, String reagentId) implements ChemistryRecord {

    /**
     * The order that picks a product's representative parent: smallest id, then smallest
     * reagent id (a one-molecule product has none), then smallest SMILES, then fewest sites, so
     * that any runner and any input order choose the same row.
     */
    public static final Comparator<Product> REPRESENTATIVE_ORDER =
        Comparator.comparing(Product::parentId)
            .thenComparing(Product::reagentId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Product::parentSmiles)
            .thenComparingInt(Product::sites);

    /** A product of a one-molecule transform. */
    public Product(String parentId, String parentSmiles, int sites, int parentCount,
        List<String> carried, boolean inInput) {
      this(parentId, parentSmiles, sites, parentCount, carried, inInput, null);
    }

    public static Product of(String parentId, String parentSmiles, int sites,
        List<String> carried) {
      return new Product(parentId, parentSmiles, sites, 1, carried, false, null);
    }

    /** A product of a two-component transform, made with reagent {@code reagentId}. */
    public static Product of(String parentId, String parentSmiles, int sites,
        List<String> carried, String reagentId) {
      return new Product(parentId, parentSmiles, sites, 1, carried, false, reagentId);
    }

    /** The representative of both, made by the parents of both. */
    Product merge(Product other) {
      Product kept = REPRESENTATIVE_ORDER.compare(this, other) <= 0 ? this : other;
      return new Product(kept.parentId, kept.parentSmiles, kept.sites,
          parentCount + other.parentCount, kept.carried, inInput || other.inInput,
          kept.reagentId);
    }

    Product markInInput() {
      return new Product(parentId, parentSmiles, sites, parentCount, carried, true, reagentId);
    }

    public ProductRow toRow(String transform, String smiles) {
      return new ProductRow(transform, smiles, parentId, parentSmiles, sites, parentCount,
          carried, reagentId);
    }
  }

  /**
   * A molecule of the input under the product key of one transform: it meets that transform's
   * product of the same canonical SMILES in the dedup, which then leaves it out.
   */
  record InputMolecule() implements ChemistryRecord {}

  /** A reject row; its key is random, so the dedup passes it through alone. */
  record Reject(RejectRow row) implements ChemistryRecord {}

  /** Part of a {@link Tally} count; the dedup adds up the parts of one count. */
  record Count(long value) implements ChemistryRecord {}

  /** Parents for the run report's drawings, under their transform's key; samples merge. */
  record Samples(ParentSample sample) implements ChemistryRecord {}

  /**
   * Merges two records under one key: products keep their representative, an input molecule
   * marks the product it meets, counts add up. Two rejects never share a key.
   */
  static ChemistryRecord merge(ChemistryRecord left, ChemistryRecord right) {
    if (left instanceof Product a && right instanceof Product b) {
      return a.merge(b);
    }
    if (left instanceof Product a && right instanceof InputMolecule) {
      return a.markInInput();
    }
    if (left instanceof InputMolecule && right instanceof Product b) {
      return b.markInInput();
    }
    if (left instanceof InputMolecule && right instanceof InputMolecule) {
      return left;
    }
    if (left instanceof Count a && right instanceof Count b) {
      return new Count(a.value() + b.value());
    }
    if (left instanceof Samples a && right instanceof Samples b) {
      return new Samples(a.sample().merge(b.sample()));
    }
    throw new IllegalStateException("two records that cannot merge share a key: " + left
        + " and " + right);
  }

  /** Compact, tagged encoding: the shuffle's size follows from it. */
  final class Coder extends StatelessCoder<ChemistryRecord> {
    private static final long serialVersionUID = 1L;
    private static final int PRODUCT = 0;
    private static final int INPUT_MOLECULE = 1;
    private static final int REJECT = 2;
    private static final int COUNT = 3;
    private static final int SAMPLES = 4;
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();
    private static final VarIntCoder INT = VarIntCoder.of();
    private static final VarLongCoder LONG = VarLongCoder.of();
    private static final ListCoder<String> LIST = ListCoder.of(NullableCoder.of(STRING));
    private static final RejectRow.Coder REJECT_ROW = new RejectRow.Coder();
    private static final ParentSample.Coder SAMPLE = new ParentSample.Coder();

    @Override
    public void encode(ChemistryRecord record, OutputStream out) throws IOException {
      if (record instanceof Product p) {
        out.write(PRODUCT | (p.inInput() ? 0x10 : 0) | (p.carried().isEmpty() ? 0 : 0x20)
            | (p.reagentId() == null ? 0 : 0x40));
        STRING.encode(p.parentId(), out);
        PackedSmiles.encode(p.parentSmiles(), out);
        INT.encode(p.sites(), out);
        INT.encode(p.parentCount(), out);
        if (!p.carried().isEmpty()) {
          LIST.encode(p.carried(), out);
        }
        if (p.reagentId() != null) {
          STRING.encode(p.reagentId(), out);
        }
      } else if (record instanceof InputMolecule) {
        out.write(INPUT_MOLECULE);
      } else if (record instanceof Reject r) {
        out.write(REJECT);
        REJECT_ROW.encode(r.row(), out);
      } else if (record instanceof Count c) {
        out.write(COUNT);
        LONG.encode(c.value(), out);
      } else if (record instanceof Samples s) {
        out.write(SAMPLES);
        SAMPLE.encode(s.sample(), out);
      }
    }

    @Override
    public ChemistryRecord decode(InputStream in) throws IOException {
      int tag = in.read();
      if (tag < 0) {
        throw new IOException("end of stream where a record was expected");
      }
      return switch (tag & 0x0f) {
        case PRODUCT -> new Product(STRING.decode(in), PackedSmiles.decode(in), INT.decode(in),
            INT.decode(in), (tag & 0x20) != 0 ? LIST.decode(in) : List.of(), (tag & 0x10) != 0,
            (tag & 0x40) != 0 ? STRING.decode(in) : null);
        case INPUT_MOLECULE -> new InputMolecule();
        case REJECT -> new Reject(REJECT_ROW.decode(in));
        case COUNT -> new Count(LONG.decode(in));
        case SAMPLES -> new Samples(SAMPLE.decode(in));
        default -> throw new IOException("unknown record tag " + tag);
      };
    }

    @Override
    public void verifyDeterministic() {}
  }
}
