package io.molxform.chem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IChemObject;
import org.openscience.cdk.isomorphism.Pattern;
import org.openscience.cdk.isomorphism.Transform;
import org.openscience.cdk.isomorphism.matchers.QueryAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smarts.Smarts;
import org.openscience.cdk.smirks.Smirks;
import org.openscience.cdk.smirks.SmirksTransform;

/**
 * A catalog entry's SMIRKS compiled with the CDK, and what the fragment rule needs to know of its
 * reactant: which query atom carries the kept atom map index. Its checks are the catalog's
 * ({@link #check}).
 */
final class CompiledTransform {
  private final SmirksTransform transform;
  /** The SMIRKS reactant as a query, to tell which parent atom the kept map index matched. */
  private final Pattern anchorPattern;
  private final int anchorQueryAtom;

  /** One application of the transform: the changed copy and which parent atoms it matched. */
  record Application(IAtomContainer molecule, SiteAtoms site) {}

  CompiledTransform(TransformSpec spec) {
    this.transform = compile(spec.smirks());
    if (spec.keepFragment() == KeepFragment.MAPPED) {
      QueryAtomContainer reactant = reactantQuery(spec.smirks());
      this.anchorQueryAtom = queryAtomWithMap(reactant, spec.keepMapIndex(), spec.smirks());
      this.anchorPattern = Pattern.findSubstructure(reactant);
    } else {
      this.anchorQueryAtom = -1;
      this.anchorPattern = null;
    }
  }

  /**
   * Checks that {@code spec}'s SMIRKS compiles and suits its fragment rule; throws
   * {@link IllegalArgumentException} with the CDK's message when not.
   */
  static void check(TransformSpec spec) {
    compile(spec.smirks());
    if (spec.keepFragment() == KeepFragment.MAPPED) {
      queryAtomWithMap(reactantQuery(spec.smirks()), spec.keepMapIndex(), spec.smirks());
    }
  }

  private static SmirksTransform compile(String smirks) {
    Transform check = new Transform();
    if (!Smirks.parse(check, smirks)) {
      throw new IllegalArgumentException(check.message());
    }
    // Parents arrive prepared (rings, aromaticity) from MoleculeParser, and the enumeration
    // prepares the products it expands, so the transform need not prepare each molecule again.
    return Smirks.compile(smirks).setPrepare(false);
  }

  private static QueryAtomContainer reactantQuery(String smirks) {
    int arrow = smirks.indexOf(">>");
    String reactant = arrow < 0 ? smirks : smirks.substring(0, arrow);
    QueryAtomContainer query = new QueryAtomContainer(SilentChemObjectBuilder.getInstance());
    if (!Smarts.parse(query, reactant)) {
      throw new IllegalArgumentException("cannot read the reactant '" + reactant + "' as SMARTS: "
          + Smarts.getLastErrorMesg());
    }
    return query;
  }

  private static int queryAtomWithMap(QueryAtomContainer query, int mapIndex, String smirks) {
    for (int i = 0; i < query.getAtomCount(); i++) {
      if (query.getAtom(i).getMapIdx() == mapIndex) {
        return i;
      }
    }
    throw new IllegalArgumentException("keepFragment names atom map " + mapIndex
        + " but the reactant of '" + smirks + "' has no atom :" + mapIndex);
  }

  /** Every distinct application of the transform to {@code molecule}. */
  List<Application> apply(IAtomContainer molecule) {
    List<Application> result = new ArrayList<>();
    for (IAtomContainer copy : transform.apply(molecule, Transform.Mode.Unique)) {
      result.add(new Application(copy, takeMappedTags(copy)));
    }
    return result;
  }

  /** Reads and clears the transform's marks: the parent tags of the atoms this copy matched. */
  private static SiteAtoms takeMappedTags(IAtomContainer copy) {
    int count = 0;
    int[] tags = new int[copy.getAtomCount()];
    for (IAtom atom : copy.atoms()) {
      if (atom.getFlag(IChemObject.MAPPED)) {
        atom.setFlag(IChemObject.MAPPED, false);
        int tag = ParentTags.of(atom);
        if (tag > 0) {
          tags[count++] = tag;
        }
      }
    }
    return new SiteAtoms(Arrays.copyOf(tags, count));
  }

  /**
   * For each site, the parent atom (as its tag) that played the kept map index in its match;
   * 0 for every site unless the fragment rule is MAPPED.
   */
  Anchors anchors(IAtomContainer parent) {
    List<SiteAtoms> matches = new ArrayList<>();
    List<Integer> anchorTags = new ArrayList<>();
    if (anchorPattern != null) {
      for (int[] match : anchorPattern.matchAll(parent).uniqueAtoms()) {
        int[] tags = new int[match.length];
        for (int i = 0; i < match.length; i++) {
          tags[i] = match[i] + 1;
        }
        matches.add(new SiteAtoms(tags));
        anchorTags.add(match[anchorQueryAtom] + 1);
      }
    }
    return new Anchors(matches, anchorTags);
  }

  /** The reactant's matches in one parent, and the anchor atom of each. */
  record Anchors(List<SiteAtoms> matches, List<Integer> anchorTags) {
    int of(SiteAtoms site) {
      for (int i = 0; i < matches.size(); i++) {
        if (matches.get(i).asSet().containsAll(site.asSet())) {
          return anchorTags.get(i);
        }
      }
      return 0;
    }
  }
}
