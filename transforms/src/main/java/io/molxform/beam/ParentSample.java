package io.molxform.beam;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.Hashing;

/**
 * Parents drawn for the run report: of the parents with products under one transform, the
 * {@code limit} of smallest rank, a hash of id and SMILES. The choice depends only on the library,
 * never on the runner, the number of workers or the order of rows, and costs no pass of its own:
 * each worker keeps its best few as rows go by, and samples merge by keeping the best of both.
 *
 * @param limit how many parents the sample keeps
 * @param parents at most {@code limit}, in rank order
 */
public record ParentSample(int limit, List<ParentSample.Parent> parents) {
  /** A parent as read: its id and SMILES, and the rank that decides whether it is drawn. */
  public record Parent(long rank, String id, String smiles) {
    public static Parent of(String id, String smiles) {
      return new Parent(Hashing.murmur3_128().newHasher()
          .putString(id, StandardCharsets.UTF_8).putByte((byte) 0)
          .putString(smiles, StandardCharsets.UTF_8).hash().asLong(), id, smiles);
    }
  }

  public static final Comparator<Parent> RANK_ORDER = Comparator.comparingLong(Parent::rank)
      .thenComparing(Parent::id).thenComparing(Parent::smiles);

  /** The best {@code limit} parents of both. */
  public ParentSample merge(ParentSample other) {
    TreeSet<Parent> best = new TreeSet<>(RANK_ORDER);
    best.addAll(parents);
    best.addAll(other.parents);
    List<Parent> kept = new ArrayList<>(limit);
    for (Parent parent : best) {
      if (kept.size() == limit) {
        break;
      }
      kept.add(parent);
    }
    return new ParentSample(limit, List.copyOf(kept));
  }

  /** Merges the samples of one transform. */
  public static final class Merge extends Combine.BinaryCombineFn<ParentSample> {
    private static final long serialVersionUID = 1L;

    @Override
    public ParentSample apply(ParentSample left, ParentSample right) {
      return left.merge(right);
    }
  }

  public static final class Coder extends StatelessCoder<ParentSample> {
    private static final long serialVersionUID = 1L;
    private static final VarIntCoder INT = VarIntCoder.of();
    private static final VarLongCoder LONG = VarLongCoder.of();
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();

    @Override
    public void encode(ParentSample sample, OutputStream out) throws IOException {
      INT.encode(sample.limit(), out);
      INT.encode(sample.parents().size(), out);
      for (Parent parent : sample.parents()) {
        LONG.encode(parent.rank(), out);
        STRING.encode(parent.id(), out);
        STRING.encode(parent.smiles(), out);
      }
    }

    @Override
    public ParentSample decode(InputStream in) throws IOException {
      int limit = INT.decode(in);
      int size = INT.decode(in);
      List<Parent> parents = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        parents.add(new Parent(LONG.decode(in), STRING.decode(in), STRING.decode(in)));
      }
      return new ParentSample(limit, List.copyOf(parents));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
