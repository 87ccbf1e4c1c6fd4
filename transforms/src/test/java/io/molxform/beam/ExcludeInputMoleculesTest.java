package io.molxform.beam;

import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** The join that leaves out products already in the input, on the DirectRunner. */
@RunWith(JUnit4.class)
public class ExcludeInputMoleculesTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  @Test
  public void productsThatAreInputMoleculesAreLeftOutAndCountedPerTransform() {
    ProductRow knownT = DedupProductsTest.row("T", "KNOWN", "a", 1);
    ProductRow knownU = DedupProductsTest.row("U", "KNOWN", "b", 1);
    ProductRow newT = DedupProductsTest.row("T", "NEW", "c", 1);
    ProductRow alsoKnownT = DedupProductsTest.row("T", "ALSO_KNOWN", "d", 2);
    PCollection<String> inputs = pipeline.apply("Inputs",
        // An input molecule may occur twice, or be no product at all.
        Create.of(List.of("KNOWN", "KNOWN", "ALSO_KNOWN", "ONLY_INPUT"))
            .withCoder(StringUtf8Coder.of()));
    PCollectionTuple result = pipeline
        .apply("Products", Create.of(List.of(knownT, knownU, newT, alsoKnownT))
            .withCoder(new ProductRow.Coder()))
        .apply(new ExcludeInputMolecules(inputs));
    PAssert.that(result.get(ExcludeInputMolecules.NEW_PRODUCTS)).containsInAnyOrder(newT);
    PAssert.that(result.get(ExcludeInputMolecules.TALLIES)).containsInAnyOrder(
        KV.of(Tally.key("T", Tally.IN_INPUT), 2L), KV.of(Tally.key("U", Tally.IN_INPUT), 1L));
    pipeline.run().waitUntilFinish();
  }
}
