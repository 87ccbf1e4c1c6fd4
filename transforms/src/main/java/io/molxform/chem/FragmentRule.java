package io.molxform.chem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.ConnectivityChecker;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * Which part of a product that fell apart is kept ({@link KeepFragment}). The rule chooses only
 * among the pieces the transform split a parent component into: components that were apart in the
 * parent already (a salt's counter-ion) stay as they are.
 */
final class FragmentRule {
  private final KeepFragment keep;
  private final CanonicalSmiles canonical;

  FragmentRule(KeepFragment keep, CanonicalSmiles canonical) {
    this.keep = keep;
    this.canonical = canonical;
  }

  /**
   * The product, or the part of it that the rule keeps.
   *
   * @param anchors for MAPPED, the parent atoms (their tags) whose pieces are kept; asked for
   *     only when the product fell apart
   */
  IAtomContainer keptPart(IAtomContainer product, ParsedMolecule parent,
      Supplier<Set<Integer>> anchors) throws CDKException {
    if (keep == KeepFragment.ALL || ConnectivityChecker.isConnected(product)) {
      return product;
    }
    Map<Integer, List<IAtomContainer>> piecesByComponent = new TreeMap<>();
    for (IAtomContainer fragment :
        ConnectivityChecker.partitionIntoMolecules(product).atomContainers()) {
      int component = -1;
      for (IAtom atom : fragment.atoms()) {
        int tag = ParentTags.of(atom);
        if (tag > 0) {
          component = parent.component(tag - 1);
          break;
        }
      }
      if (component >= 0) {
        piecesByComponent.computeIfAbsent(component, c -> new ArrayList<>()).add(fragment);
      }
    }
    Set<Integer> anchorTags = keep == KeepFragment.MAPPED ? anchors.get() : Set.of();
    IAtomContainer kept = product.getBuilder().newAtomContainer();
    for (List<IAtomContainer> pieces : piecesByComponent.values()) {
      if (pieces.size() == 1) {
        kept.add(pieces.get(0));
      } else if (keep == KeepFragment.MAPPED) {
        for (IAtomContainer piece : pieces) {
          if (holdsAny(piece, anchorTags)) {
            kept.add(piece);
          }
        }
      } else {
        kept.add(largest(pieces));
      }
    }
    return kept;
  }

  /**
   * The piece with the most heavy atoms; ties: the most carbons (the acyl or aglycone part rather
   * than a sugar or polyol), then the smaller canonical SMILES.
   */
  private IAtomContainer largest(List<IAtomContainer> pieces) throws CDKException {
    IAtomContainer best = null;
    long bestSize = -1;
    String bestSmiles = null;
    for (IAtomContainer piece : pieces) {
      long size = AtomCounts.heavyAtoms(piece) * 1000L + AtomCounts.carbons(piece);
      if (size > bestSize) {
        best = piece;
        bestSize = size;
        bestSmiles = null;
      } else if (size == bestSize) {
        if (bestSmiles == null) {
          bestSmiles = canonical.of(best);
        }
        String smiles = canonical.of(piece);
        if (smiles.compareTo(bestSmiles) < 0) {
          best = piece;
          bestSmiles = smiles;
        }
      }
    }
    return best;
  }

  private static boolean holdsAny(IAtomContainer piece, Set<Integer> tags) {
    for (IAtom atom : piece.atoms()) {
      if (tags.contains(ParentTags.of(atom))) {
        return true;
      }
    }
    return false;
  }
}
