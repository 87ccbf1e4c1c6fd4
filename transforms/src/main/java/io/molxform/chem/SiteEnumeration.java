package io.molxform.chem;

import io.molxform.chem.CompiledTransform.Application;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.graph.ConnectivityChecker;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.smarts.SmartsPattern;

/**
 * The enumeration of one parent's products under one transform's site mode, with its working
 * state and its results; one instance per parent ({@link MoleculeTransformer#apply}).
 *
 * <p>Sites are the distinct atom sets the SMIRKS matches in the parent. They are ordered by the
 * canonical rank of their atoms, so enumeration order (and so which products a truncated
 * enumeration keeps) depends only on the molecule, never on how its SMILES was spelled. A product
 * made from several sites is built by applying the transform to an earlier product and keeping
 * the copy that changed the wanted parent site.
 */
final class SiteEnumeration {
  /** Candidates (products built, valid or not, duplicates included) allowed per cap unit. */
  static final int CANDIDATES_PER_PRODUCT = 16;

  /**
   * A parent site: its matched atoms that survive the transform, and the tag of the parent atom
   * whose fragment is kept (0 unless the fragment rule is MAPPED).
   */
  private record Site(int index, SiteAtoms atoms, int anchor) {}

  /** A product kept for further sites (combinatorial mode). */
  private record State(IAtomContainer molecule, Set<Integer> sites, Set<Integer> atoms) {}

  private final TransformSpec spec;
  private final CompiledTransform transform;
  private final CanonicalSmiles canonical;
  private final ProductCheck check;
  private final int candidateBudget;
  private final ParsedMolecule parent;
  private final Map<String, Product> products = new LinkedHashMap<>();
  private final Map<String, Rejection> productRejects = new LinkedHashMap<>();
  /** Each product's structure, kept only when asked for ({@link #keepStructures}). */
  private Map<String, IAtomContainer> structures;
  private List<Site> sites;
  private int candidates;
  private boolean truncated;
  private boolean stopped;

  SiteEnumeration(TransformSpec spec, CompiledTransform transform, CanonicalSmiles canonical,
      FragmentRule fragments, ParsedMolecule parent) {
    this.spec = spec;
    this.transform = transform;
    this.canonical = canonical;
    this.check = new ProductCheck(fragments, canonical);
    this.candidateBudget = Math.max(64, CANDIDATES_PER_PRODUCT * spec.maxProductsPerMolecule());
    this.parent = parent;
  }

  /** Also keeps each product's structure, for drawing ({@link #structure}); off in runs. */
  SiteEnumeration keepStructures() {
    structures = new HashMap<>();
    return this;
  }

  /** The structure of a product of the last {@link #run}, atom maps included. */
  IAtomContainer structure(String smiles) {
    return structures.get(smiles);
  }

  TransformOutcome run() {
    List<Application> firstLevel = transform.apply(parent.molecule());
    if (firstLevel.isEmpty()) {
      return new TransformOutcome(
          TransformOutcome.Status.NO_SITE, List.of(), List.of(), null, false, 0);
    }
    sites = new ArrayList<>();
    Map<SiteAtoms, Site> siteByAtoms = new HashMap<>();
    List<Application> byRank = new ArrayList<>(firstLevel);
    // Site order decides which sites 'all' combines and which products a cap keeps; with one
    // site per product and room for all of them it decides nothing, and ranking needs the
    // parent's canonical SMILES, so it is skipped.
    if (spec.sites() != SiteMode.SINGLE || firstLevel.size() > spec.maxProductsPerMolecule()) {
      byRank.sort(Comparator.comparing(c -> ranks(c.site()), Arrays::compare));
    }
    List<Application> siteCandidates = new ArrayList<>();
    CompiledTransform.Anchors anchors = transform.anchors(parent.molecule());
    for (Application candidate : byRank) {
      if (!siteByAtoms.containsKey(candidate.site())) {
        Site site = new Site(sites.size(), candidate.site(), anchors.of(candidate.site()));
        sites.add(site);
        siteByAtoms.put(candidate.site(), site);
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
      case COMBINATORIAL -> enumerateCombinatorial(siteByAtoms, siteCandidates);
    }
    return outcome(sites.size());
  }

  private void enumerateAll(List<Application> siteCandidates) {
    Set<Integer> usedAtoms = new HashSet<>();
    List<Site> chosen = new ArrayList<>();
    for (Site site : sites) {
      if (chosen.size() < spec.maxSites() && site.atoms().disjointFrom(usedAtoms)) {
        chosen.add(site);
        usedAtoms.addAll(site.atoms().asSet());
      }
    }
    IAtomContainer state = siteCandidates.get(chosen.get(0).index()).molecule();
    Set<Integer> applied = new HashSet<>(Set.of(chosen.get(0).index()));
    for (Site site : chosen.subList(1, chosen.size())) {
      SmartsPattern.prepare(state);
      for (Application next : transform.apply(state)) {
        if (next.site().equals(site.atoms())) {
          state = next.molecule();
          applied.add(site.index());
          break;
        }
      }
    }
    emit(state, applied);
  }

  private void enumerateCombinatorial(
      Map<SiteAtoms, Site> siteByAtoms, List<Application> siteCandidates) {
    // One state per distinct molecule: two site sets that give the same molecule (symmetry)
    // lead to the same further products, so only one of them is expanded.
    Set<String> seen = new HashSet<>();
    List<State> level = new ArrayList<>();
    for (Site site : sites) {
      IAtomContainer product = siteCandidates.get(site.index()).molecule();
      Set<Integer> applied = Set.of(site.index());
      String smiles = emit(product, applied);
      if (smiles != null && seen.add(stateKey(product, smiles))) {
        level.add(new State(product, applied, site.atoms().asSet()));
      }
    }
    for (int size = 2; size <= spec.maxSites() && !stopped && !level.isEmpty(); size++) {
      List<State> nextLevel = new ArrayList<>();
      for (State state : level) {
        SmartsPattern.prepare(state.molecule());
        List<Application> extensions = transform.apply(state.molecule());
        extensions.sort(Comparator.comparingInt(c -> siteByAtoms.containsKey(c.site())
            ? siteByAtoms.get(c.site()).index() : Integer.MAX_VALUE));
        for (Application extension : extensions) {
          Site site = siteByAtoms.get(extension.site());
          if (site == null || state.sites().contains(site.index())
              || !site.atoms().disjointFrom(state.atoms())) {
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
            atoms.addAll(site.atoms().asSet());
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
      return ProductCheck.anySmiles(molecule);
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
    ProductCheck.Result checked =
        check.check(product, parent, () -> anchorTags(appliedSites), false);
    if (checked.rejection() != null) {
      Rejection rejection = checked.rejection();
      productRejects.putIfAbsent(rejection.subject(), rejection);
      return null;
    }
    IAtomContainer kept = checked.kept();
    String smiles = checked.smiles();
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
      keepStructure(smiles, kept);
    } else if (siteCount < existing.sites()) {
      products.put(smiles, new Product(smiles, siteCount));
      keepStructure(smiles, kept);
    }
    return smiles;
  }

  private void keepStructure(String smiles, IAtomContainer kept) {
    if (structures != null) {
      try {
        structures.put(smiles, kept.clone());
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException("the CDK cannot copy a product", e);
      }
    }
  }

  /** The parent atoms whose pieces the MAPPED fragment rule keeps for these sites. */
  private Set<Integer> anchorTags(Set<Integer> appliedSites) {
    Set<Integer> anchors = new HashSet<>();
    for (int index : appliedSites) {
      anchors.add(sites.get(index).anchor());
    }
    return anchors;
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

  private int[] ranks(SiteAtoms site) {
    int[] tags = site.tags();
    int[] ranks = new int[tags.length];
    for (int i = 0; i < tags.length; i++) {
      ranks[i] = parent.canonicalRank(tags[i] - 1);
    }
    Arrays.sort(ranks);
    return ranks;
  }
}
