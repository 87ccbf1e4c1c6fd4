package io.molxform.beam;

import io.molxform.chem.Product;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.Funnel;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.Hashing;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.PrimitiveSink;

/**
 * The shuffle key of a {@link ChemistryRecord}. A product's key is its identity, its transform
 * and canonical SMILES, and an input molecule takes the key its products would have; a count is
 * keyed by its {@link Tally} name, a report sample by its transform, and a reject by random bits,
 * so it meets nothing.
 *
 * <p>The coder packs SMILES ({@link PackedSmiles}): records cross a runner's shuffle in the
 * Bloom dedup (keyed by shard) and between steps that Flink does not chain. The exact dedup
 * moves products through its own bucket files instead and hands them to the writers in SMILES
 * order ({@code SortedMerge}), the order in which Parquet compresses them best.
 */
public sealed interface RecordKey {

  /** A product's identity within its transform (index in the run's list of transforms). */
  record Product(int transform, String smiles) implements RecordKey {}

  record Count(String tally) implements RecordKey {}

  /** The report's parent sample of one transform (index in the run's list of transforms). */
  record Sample(int transform) implements RecordKey {}

  /** Random, so that no two rejects share a key (2^-128 odds per pair). */
  record Reject(long high, long low) implements RecordKey {
    public static Reject random() {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      return new Reject(random.nextLong(), random.nextLong());
    }
  }

  /** One of {@code shards}, spread evenly by a hash of the key. */
  default int shard(int shards) {
    return Math.floorMod(Hashing.murmur3_32_fixed().hashObject(this, KeyFunnel.INSTANCE).asInt(),
        shards);
  }

  /** Feeds a key to a hash or a Bloom filter. */
  enum KeyFunnel implements Funnel<RecordKey> {
    INSTANCE;

    @Override
    public void funnel(RecordKey key, PrimitiveSink into) {
      if (key instanceof Product p) {
        into.putInt(p.transform()).putString(p.smiles(), StandardCharsets.UTF_8);
      } else if (key instanceof Count c) {
        into.putInt(-1).putString(c.tally(), StandardCharsets.UTF_8);
      } else if (key instanceof Sample s) {
        into.putInt(-3).putInt(s.transform());
      } else if (key instanceof Reject r) {
        into.putInt(-2).putLong(r.high()).putLong(r.low());
      }
    }
  }

  final class Coder extends AtomicCoder<RecordKey> {
    private static final long serialVersionUID = 1L;
    private static final int PRODUCT = 0;
    private static final int SAMPLE = 0xFD;
    private static final int COUNT = 0xFE;
    private static final int REJECT = 0xFF;

    @Override
    public void encode(RecordKey key, OutputStream out) throws IOException {
      if (key instanceof Product p) {
        out.write(PRODUCT);
        VarIntCoder.of().encode(p.transform(), out);
        PackedSmiles.encode(p.smiles(), out);
      } else if (key instanceof Sample s) {
        out.write(SAMPLE);
        VarIntCoder.of().encode(s.transform(), out);
      } else if (key instanceof Count c) {
        out.write(COUNT);
        StringUtf8Coder.of().encode(c.tally(), out);
      } else if (key instanceof Reject r) {
        out.write(REJECT);
        DataOutputStream data = new DataOutputStream(out);
        data.writeLong(r.high());
        data.writeLong(r.low());
        data.flush();
      }
    }

    @Override
    public RecordKey decode(InputStream in) throws IOException {
      int tag = in.read();
      switch (tag) {
        case PRODUCT:
          return new Product(VarIntCoder.of().decode(in), PackedSmiles.decode(in));
        case SAMPLE:
          return new Sample(VarIntCoder.of().decode(in));
        case COUNT:
          return new Count(StringUtf8Coder.of().decode(in));
        case REJECT:
          DataInputStream data = new DataInputStream(in);
          return new Reject(data.readLong(), data.readLong());
        default:
          throw new IOException("unknown key tag " + tag);
      }
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean consistentWithEquals() {
      return true;
    }
  }
}
