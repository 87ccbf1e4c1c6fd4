package io.molxform.beam;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.Funnel;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.HashCode;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.Hashing;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.PrimitiveSink;

/**
 * The shuffle key of a {@link ChemistryRecord}: 128 bits. A product's key is a hash of its
 * identity (its transform and canonical SMILES), and an input molecule takes the key its
 * products would have; a reject takes random bits, a count a hash of its {@link Tally} name.
 *
 * <p>Fixed width and random, so the shuffle's sort decides on the first bytes of the key and
 * carries 16 bytes per record where a SMILES key would carry about 80 (twice: Beam's Flink runner
 * sorts an extracted copy of the key beside the record that holds it). The identity itself
 * travels in the record, and the dedup compares it whenever two records meet under one key, so
 * a collision fails the run instead of merging two molecules (at 10^9 products the odds of any
 * collision are about 10^-21).
 */
public record RecordKey(long high, long low) {

  public static RecordKey product(int transformIndex, String smiles) {
    return of(Hashing.murmur3_128().newHasher()
        .putInt(transformIndex).putString(smiles, StandardCharsets.UTF_8).hash());
  }

  public static RecordKey reject() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new RecordKey(random.nextLong(), random.nextLong());
  }

  public static RecordKey count(String tally) {
    return of(Hashing.murmur3_128().newHasher()
        .putInt(-1).putString(tally, StandardCharsets.UTF_8).hash());
  }

  private static RecordKey of(HashCode hash) {
    byte[] bytes = hash.asBytes();
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (bytes[i] & 0xFF);
      low = (low << 8) | (bytes[i + 8] & 0xFF);
    }
    return new RecordKey(high, low);
  }

  /** One of {@code shards}, spread evenly. */
  public int shard(int shards) {
    return (int) Math.floorMod(high, (long) shards);
  }

  /** Feeds a key to a Bloom filter. */
  enum KeyFunnel implements Funnel<RecordKey> {
    INSTANCE;

    @Override
    public void funnel(RecordKey key, PrimitiveSink into) {
      into.putLong(key.high).putLong(key.low);
    }
  }

  /** Sixteen bytes, big-endian, so encoded keys sort as the numbers do. */
  public static final class Coder extends AtomicCoder<RecordKey> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(RecordKey key, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      data.writeLong(key.high);
      data.writeLong(key.low);
      data.flush();
    }

    @Override
    public RecordKey decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      return new RecordKey(data.readLong(), data.readLong());
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean consistentWithEquals() {
      return true;
    }
  }
}
