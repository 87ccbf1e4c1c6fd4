package io.molxform.chem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.ConnectivityChecker;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IChemObject;
import org.openscience.cdk.isomorphism.Pattern;
import org.openscience.cdk.isomorphism.Transform;
import org.openscience.cdk.isomorphism.matchers.QueryAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smarts.Smarts;
import org.openscience.cdk.smarts.SmartsPattern;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;
import org.openscience.cdk.smirks.Smirks;
import org.openscience.cdk.smirks.SmirksTransform;

/**
 * Applies one catalog transform to parsed molecules and enumerates the products its site mode
 * asks for, each checked and written as canonical isomeric SMILES.
 *
 * <p>Sites are the distinct atom sets the SMIRKS matches in the parent. They are ordered by the
 * canonical rank of their atoms, so enumeration order (and so which products a truncated
 * enumeration keeps) depends only on the molecule, never on how its SMILES was spelled. A product
 * made from several sites is built by applying the transform to an earlier product and keeping
 * the copy that changed the wanted parent site; the atom map index that {@link MoleculeParser}
 * puts on every parent atom says which site a copy changed.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class MoleculeTransformer {
  /** Candidates (products built, valid or not, duplicates included) allowed per cap unit. */
  static final int CANDIDATES_PER_PRODUCT = 16;

  private final TransformSpec spec;
  private final SmirksTransform transform;
  /** The SMIRKS reactant as a query, to tell which parent atom the kept map index matched. */
  private final Pattern anchorPattern;
  private final int anchorQueryAtom;
  private final CanonicalSmiles canonical = new CanonicalSmiles();
  private final int candidateBudget;

  public MoleculeTransformer(TransformSpec spec) {
    this.spec = spec;
    this.transform = compile(spec.smirks());
    if (spec.keepFragment() == KeepFragment.MAPPED) {
      QueryAtomContainer reactant = reactantQuery(spec.smirks());
      this.anchorQueryAtom = queryAtomWithMap(reactant, spec.keepMapIndex(), spec.smirks());
      this.anchorPattern = Pattern.findSubstructure(reactant);
    } else {
      this.anchorQueryAtom = -1;
      this.anchorPattern = null;
    }
    this.candidateBudget = Math.max(64, CANDIDATES_PER_PRODUCT * spec.maxProductsPerMolecule());
  }

  public TransformSpec spec() {
    return spec;
  }

  /**
   * Compiles a SMIRKS, throwing {@link IllegalArgumentException} with the CDK's message when it is
   * not valid.
   */
  static SmirksTransform compile(String smirks) {
    Transform check = new Transform();
    if (!Smirks.parse(check, smirks)) {
      throw new IllegalArgumentException(check.message());
    }
    // Parents arrive prepared (rings, aromaticity) from MoleculeParser, and the enumeration
    // prepares the products it expands, so the transform need not prepare each molecule again.
    return Smirks.compile(smirks).setPrepare(false);
  }

  /** Checks that {@code smirks} is usable with {@code spec}'s fragment rule; throws if not. */
  static void checkKeepFragment(TransformSpec spec) {
    if (spec.keepFragment() == KeepFragment.MAPPED) {
      queryAtomWithMap(reactantQuery(spec.smirks()), spec.keepMapIndex(), spec.smirks());
    }
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

  public TransformOutcome apply(ParsedMolecule parent) {
    try {
      return new Enumeration(parent).run();
    } catch (RuntimeException e) {
      return TransformOutcome.rejected(new Rejection(ReasonCode.TRANSFORM_ERROR,
          spec.name() + ": " + e.getClass().getSimpleName() + ": "
              + Messages.firstLine(e.getMessage()), parent.canonicalSmiles()));
    }
  }

  /**
   * A parent site: the map indices of its matched atoms that survive the transform, and the map
   * index of the parent atom whose fragment is kept (0 unless the fragment rule is MAPPED).
   */
  private record Site(int index, int[] tags, int anchor) {}

  /** One application of the transform: the changed copy and which parent atoms it matched. */
  private record Candidate(IAtomContainer molecule, int[] tags) {}

  /** A product kept for further sites (combinatorial mode). */
  private record State(IAtomContainer molecule, Set<Integer> sites, Set<Integer> atoms) {}

  /** The enumeration for one parent: its working state and its results. */
  private final class Enumeration {
    private final ParsedMolecule parent;
    private final Map<String, Product> products = new LinkedHashMap<>();
    private final Map<String, Rejection> productRejects = new LinkedHashMap<>();
    private List<Site> sites;
    private int candidates;
    private boolean truncated;
    private boolean stopped;

    Enumeration(ParsedMolecule parent) {
      this.parent = parent;
    }

    TransformOutcome run() {
      List<Candidate> firstLevel = expand(parent.molecule());
      if (firstLevel.isEmpty()) {
        return new TransformOutcome(
            TransformOutcome.Status.NO_SITE, List.of(), List.of(), null, false, 0);
      }
      sites = new ArrayList<>();
      Map<String, Site> siteByTags = new HashMap<>();
      List<Candidate> byRank = new ArrayList<>(firstLevel);
      // Site order decides which sites 'all' combines and which products a cap keeps; with one
      // site per product and room for all of them it decides nothing, and ranking needs the
      // parent's canonical SMILES, so it is skipped.
      if (spec.sites() != SiteMode.SINGLE || firstLevel.size() > spec.maxProductsPerMolecule()) {
        byRank.sort(Comparator.comparing(c -> ranks(c.tags()), Arrays::compare));
      }
      List<Candidate> siteCandidates = new ArrayList<>();
      List<int[]> anchorMatches = anchorMatches();
      for (Candidate candidate : byRank) {
        String key = Arrays.toString(candidate.tags());
        if (!siteByTags.containsKey(key)) {
          Site site = new Site(sites.size(), candidate.tags(),
              anchorOf(candidate.tags(), anchorMatches));
          sites.add(site);
          siteByTags.put(key, site);
          siteCandidates.add(candidate);
        }
      }

      switch (spec.sites()) {
        case SINGLE -> {
          for (Site site : sites) {
            emit(siteCandidates.get(site.index()).molecule(), Set.of(site.index()));
          }
        }
        case ALL -> enumerateAll(siteCandidates);
        case COMBINATORIAL -> enumerateCombinatorial(siteByTags, siteCandidates);
      }
      return outcome(sites.size());
    }

    private void enumerateAll(List<Candidate> siteCandidates) {
      Set<Integer> usedAtoms = new HashSet<>();
      List<Site> chosen = new ArrayList<>();
      for (Site site : sites) {
        if (chosen.size() < spec.maxSites() && disjoint(usedAtoms, site.tags())) {
          chosen.add(site);
          for (int tag : site.tags()) {
            usedAtoms.add(tag);
          }
        }
      }
      IAtomContainer state = siteCandidates.get(chosen.get(0).index()).molecule();
      Set<Integer> applied = new HashSet<>(Set.of(chosen.get(0).index()));
      for (Site site : chosen.subList(1, chosen.size())) {
        SmartsPattern.prepare(state);
        for (Candidate next : expand(state)) {
          if (Arrays.equals(next.tags(), site.tags())) {
            state = next.molecule();
            applied.add(site.index());
            break;
          }
        }
      }
      emit(state, applied);
    }

    private void enumerateCombinatorial(
        Map<String, Site> siteByTags, List<Candidate> siteCandidates) {
      // One state per distinct molecule: two site sets that give the same molecule (symmetry)
      // lead to the same further products, so only one of them is expanded.
      Set<String> seen = new HashSet<>();
      List<State> level = new ArrayList<>();
      for (Site site : sites) {
        IAtomContainer product = siteCandidates.get(site.index()).molecule();
        Set<Integer> applied = Set.of(site.index());
        String smiles = emit(product, applied);
        if (smiles != null && seen.add(stateKey(product, smiles))) {
          level.add(new State(product, applied, tagSet(site.tags())));
        }
      }
      for (int size = 2; size <= spec.maxSites() && !stopped && !level.isEmpty(); size++) {
        List<State> nextLevel = new ArrayList<>();
        for (State state : level) {
          SmartsPattern.prepare(state.molecule());
          List<Candidate> extensions = expand(state.molecule());
          extensions.sort(Comparator.comparingInt(
              c -> siteByTags.containsKey(Arrays.toString(c.tags()))
                  ? siteByTags.get(Arrays.toString(c.tags())).index()
                  : Integer.MAX_VALUE));
          for (Candidate extension : extensions) {
            Site site = siteByTags.get(Arrays.toString(extension.tags()));
            if (site == null || state.sites().contains(site.index())
                || !disjoint(state.atoms(), site.tags())) {
              continue;
            }
            Set<Integer> applied = new HashSet<>(state.sites());
            applied.add(site.index());
            String smiles = emit(extension.molecule(), applied);
            if (stopped) {
              return;
            }
            if (smiles != null && seen.add(stateKey(extension.molecule(), smiles))) {
              Set<Integer> atoms = new HashSet<>(state.atoms());
              atoms.addAll(tagSet(site.tags()));
              nextLevel.add(new State(extension.molecule(), applied, atoms));
            }
          }
        }
        level = nextLevel;
      }
    }

    /**
     * The identity of a combinatorial state: the whole molecule, dropped fragments included; for
     * a product that did not fall apart, the SMILES it was recorded under.
     */
    private String stateKey(IAtomContainer molecule, String keptSmiles) {
      if (ConnectivityChecker.isConnected(molecule)) {
        return keptSmiles;
      }
      try {
        return canonical.of(molecule);
      } catch (CDKException e) {
        return anySmiles(molecule);
      }
    }

    /**
     * Selects the kept fragment of one product, checks it and records it. Returns its canonical
     * SMILES when the product is a valid molecule that differs from the parent, else null.
     */
    private String emit(IAtomContainer product, Set<Integer> appliedSites) {
      if (stopped) {
        return null;
      }
      if (++candidates > candidateBudget) {
        truncated = true;
        stopped = true;
        return null;
      }
      IAtomContainer kept;
      try {
        kept = keptPart(product, appliedSites);
      } catch (CDKException | RuntimeException e) {
        reject(ReasonCode.PRODUCT_NOT_WRITABLE, Messages.firstLine(e.getMessage()), product);
        return null;
      }
      for (IAtom atom : kept.atoms()) {
        int tag = atom.getMapIdx();
        if (tag > 0 && ValenceRules.valence(kept, atom) == parent.valence(tag - 1)) {
          continue;
        }
        String problem = ValenceRules.problem(kept, atom, true);
        if (problem != null) {
          reject(ReasonCode.PRODUCT_INVALID_VALENCE, problem, kept);
          return null;
        }
      }
      String smiles;
      try {
        smiles = canonical.of(kept, null, parent.ringAtomsChanged(kept));
      } catch (CDKException | RuntimeException e) {
        reject(ReasonCode.PRODUCT_NOT_WRITABLE, Messages.firstLine(e.getMessage()), kept);
        return null;
      }
      if (parent.sameComposition(kept) && smiles.equals(parent.canonicalSmiles())) {
        return null;
      }
      int siteCount = appliedSites.size();
      Product existing = products.get(smiles);
      if (existing == null) {
        if (products.size() >= spec.maxProductsPerMolecule()) {
          truncated = true;
          stopped = true;
          return null;
        }
        products.put(smiles, new Product(smiles, siteCount));
      } else if (siteCount < existing.sites()) {
        products.put(smiles, new Product(smiles, siteCount));
      }
      return smiles;
    }

    private void reject(ReasonCode code, String message, IAtomContainer product) {
      String written = anySmiles(product);
      productRejects.putIfAbsent(written, new Rejection(code, message, written));
    }

    /**
     * The product, or the part of it that the fragment rule keeps. The rule chooses only among
     * the pieces the transform split a parent component into: components that were apart in the
     * parent already (a salt's counter-ion) stay as they are.
     */
    private IAtomContainer keptPart(IAtomContainer product, Set<Integer> appliedSites)
        throws CDKException {
      if (spec.keepFragment() == KeepFragment.ALL || ConnectivityChecker.isConnected(product)) {
        return product;
      }
      Map<Integer, List<IAtomContainer>> piecesByComponent = new TreeMap<>();
      for (IAtomContainer fragment :
          ConnectivityChecker.partitionIntoMolecules(product).atomContainers()) {
        int component = -1;
        for (IAtom atom : fragment.atoms()) {
          if (atom.getMapIdx() > 0) {
            component = parent.component(atom.getMapIdx() - 1);
            break;
          }
        }
        if (component >= 0) {
          piecesByComponent.computeIfAbsent(component, c -> new ArrayList<>()).add(fragment);
        }
      }
      Set<Integer> anchors = new HashSet<>();
      for (int index : appliedSites) {
        anchors.add(sites.get(index).anchor());
      }
      IAtomContainer kept = product.getBuilder().newAtomContainer();
      for (List<IAtomContainer> pieces : piecesByComponent.values()) {
        if (pieces.size() == 1) {
          kept.add(pieces.get(0));
        } else if (spec.keepFragment() == KeepFragment.MAPPED) {
          for (IAtomContainer piece : pieces) {
            if (holdsAny(piece, anchors)) {
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
     * The piece with the most heavy atoms; ties: the most carbons (the acyl or aglycone part
     * rather than a sugar or polyol), then the smaller canonical SMILES.
     */
    private IAtomContainer largest(List<IAtomContainer> pieces) throws CDKException {
      IAtomContainer best = null;
      long bestSize = -1;
      String bestSmiles = null;
      for (IAtomContainer piece : pieces) {
        long size = heavyAtoms(piece) * 1000L + carbons(piece);
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

    /** Matches of the reactant query, when the fragment rule needs to know atom map roles. */
    private List<int[]> anchorMatches() {
      if (anchorPattern == null) {
        return List.of();
      }
      List<int[]> matches = new ArrayList<>();
      for (int[] match : anchorPattern.matchAll(parent.molecule()).uniqueAtoms()) {
        matches.add(match.clone()); // the iterator reuses its array
      }
      return matches;
    }

    /** The parent atom (as a map index) that played the kept map index in this site's match. */
    private int anchorOf(int[] tags, List<int[]> matches) {
      for (int[] match : matches) {
        Set<Integer> matched = new HashSet<>();
        for (int atom : match) {
          matched.add(atom + 1);
        }
        if (matched.containsAll(tagSet(tags))) {
          return match[anchorQueryAtom] + 1;
        }
      }
      return 0;
    }

    private TransformOutcome outcome(int sitesFound) {
      List<Rejection> rejects = new ArrayList<>(productRejects.values());
      rejects.sort(Comparator.comparing(Rejection::subject).thenComparing(r -> r.code().name()));
      if (!products.isEmpty()) {
        List<Product> sorted = new ArrayList<>(products.values());
        sorted.sort(Comparator.comparingInt(Product::sites).thenComparing(Product::smiles));
        return new TransformOutcome(TransformOutcome.Status.PRODUCTS, List.copyOf(sorted),
            List.copyOf(rejects), null, truncated, sitesFound);
      }
      if (!rejects.isEmpty()) {
        Rejection first = rejects.get(0);
        Rejection row = new Rejection(ReasonCode.NO_VALID_PRODUCT,
            "every product failed validation; first: " + first.code() + ": " + first.message(),
            parent.canonicalSmiles());
        return new TransformOutcome(TransformOutcome.Status.REJECTED, List.of(),
            List.copyOf(rejects), row, truncated, sitesFound);
      }
      return new TransformOutcome(
          TransformOutcome.Status.NO_CHANGE, List.of(), List.of(), null, truncated, sitesFound);
    }

    private List<Candidate> expand(IAtomContainer molecule) {
      List<Candidate> result = new ArrayList<>();
      for (IAtomContainer copy : transform.apply(molecule, Transform.Mode.Unique)) {
        result.add(new Candidate(copy, takeMappedTags(copy)));
      }
      return result;
    }

    private int[] ranks(int[] tags) {
      int[] ranks = new int[tags.length];
      for (int i = 0; i < tags.length; i++) {
        ranks[i] = parent.canonicalRank(tags[i] - 1);
      }
      Arrays.sort(ranks);
      return ranks;
    }
  }

  static int heavyAtoms(IAtomContainer molecule) {
    int heavy = 0;
    for (IAtom atom : molecule.atoms()) {
      if (atom.getAtomicNumber() > 1) {
        heavy++;
      }
    }
    return heavy;
  }

  private static int carbons(IAtomContainer molecule) {
    int carbons = 0;
    for (IAtom atom : molecule.atoms()) {
      if (atom.getAtomicNumber() == 6) {
        carbons++;
      }
    }
    return carbons;
  }

  /** Reads and clears the transform's marks: the parent tags of the atoms this copy matched. */
  private static int[] takeMappedTags(IAtomContainer copy) {
    int count = 0;
    int[] tags = new int[copy.getAtomCount()];
    for (IAtom atom : copy.atoms()) {
      if (atom.getFlag(IChemObject.MAPPED)) {
        atom.setFlag(IChemObject.MAPPED, false);
        if (atom.getMapIdx() > 0) {
          tags[count++] = atom.getMapIdx();
        }
      }
    }
    int[] result = Arrays.copyOf(tags, count);
    Arrays.sort(result);
    return result;
  }

  private static boolean holdsAny(IAtomContainer piece, Set<Integer> tags) {
    for (IAtom atom : piece.atoms()) {
      if (tags.contains(atom.getMapIdx())) {
        return true;
      }
    }
    return false;
  }

  private static boolean disjoint(Set<Integer> used, int[] tags) {
    for (int tag : tags) {
      if (used.contains(tag)) {
        return false;
      }
    }
    return true;
  }

  private static Set<Integer> tagSet(int[] tags) {
    Set<Integer> set = new HashSet<>();
    for (int tag : tags) {
      set.add(tag);
    }
    return set;
  }

  private static String anySmiles(IAtomContainer molecule) {
    try {
      return new SmilesGenerator(SmiFlavor.Generic).create(molecule);
    } catch (CDKException | RuntimeException e) {
      return "";
    }
  }
}
