package io.molxform.chem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;

/**
 * Applies one two-component catalog transform ({@code MOLECULE.REAGENT>>PRODUCT}) to parsed
 * molecules, with every reagent of a {@link ReagentSet}: each set of molecule sites (by the
 * entry's site mode) with each match of each reagent gives a product, checked and written as
 * canonical isomeric SMILES, distinct per (molecule, reagent).
 *
 * <p>The reagent template is matched once per reagent ({@link ReagentSet}), the molecule
 * template once per molecule. The first pair of each site set and of each reagent match copies
 * the molecule, appends a copy of the reagent for each site it changes and hands both matches to
 * the CDK's plan ({@link ReactionPlan}); later pairs are written from the halves those products
 * showed ({@link JoinedHalves}). Products stream to a {@link Sink} reagent by reagent, so a
 * molecule with many reagents holds one reagent's products at a time.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class ReactionTransformer {
  /** Receives a molecule's products and product-stage rejects as they are made. */
  public interface Sink {
    /** The distinct products of one (molecule, reagent) pair, in a deterministic order. */
    void products(String reagentId, List<Product> products);

    /** One product that failed its check. */
    void productRejected(String reagentId, Rejection rejection);
  }

  private final TransformSpec spec;
  private final ReactionPlan plan;
  private final ReagentSet reagents;
  private final ProductCheck check;
  private final int candidateBudget;
  /** Writes a one-site pair's product from its halves; null to make every product the CDK's way. */
  private final JoinedHalves halves;
  /** Per reagent (its position in the set): what its pairs so far showed of its halves. */
  private final ReagentHalves[] reagentHalves;
  private long productsFromHalves;
  private long productsFromContainers;

  /**
   * @param reagents the accepted reagents, prepared for this transform ({@link
   *     ReagentSet#prepare}); reagents it rejected never reach a molecule
   */
  public ReactionTransformer(TransformSpec spec, ReagentSet reagents) {
    this(spec, reagents, true);
  }

  /** @param fromHalves whether one-site products may be written from halves ({@link JoinedHalves}) */
  ReactionTransformer(TransformSpec spec, ReagentSet reagents, boolean fromHalves) {
    this.spec = spec;
    this.halves = fromHalves ? new JoinedHalves() : null;
    this.reagentHalves = new ReagentHalves[reagents.size()];
    this.plan = ReactionPlan.compile(spec.smirks());
    this.reagents = reagents;
    CanonicalSmiles canonical = new CanonicalSmiles();
    this.check = new ProductCheck(new FragmentRule(spec.keepFragment(), canonical), canonical);
    this.candidateBudget = Math.max(64,
        SiteEnumeration.CANDIDATES_PER_PRODUCT * spec.maxProductsPerMolecule());
  }

  /** Checks that {@code spec}'s SMIRKS is a usable two-component transform. */
  static void check(TransformSpec spec) {
    if (spec.keepFragment() == KeepFragment.MAPPED) {
      throw new IllegalArgumentException("keepFragment mapped:N is for one-molecule transforms;"
          + " a two-component product keeps the piece holding the molecule (largest, or all)");
    }
    ReactionPlan.compile(spec.smirks());
  }

  public TransformSpec spec() {
    return spec;
  }

  /** How many products so far were written from their halves, not from a CDK container. */
  long productsFromHalves() {
    return productsFromHalves;
  }

  /** How many products so far were written from a CDK container. */
  long productsFromContainers() {
    return productsFromContainers;
  }

  /** The mark of a half that cannot be split off its products. */
  private static final Object NO_HALF = new Object();
  private static final int SPLIT_ATTEMPTS = 3;

  /** One reagent's halves, by match. */
  private static final class ReagentHalves {
    /** The reagent's half of a product, {@link #NO_HALF}, or null until a product shows which. */
    final Object[] halves;
    /**
     * Products that would not split while the match's half was unknown: after {@link
     * #SPLIT_ATTEMPTS} the match keeps the CDK's way, so that a reagent whose products never
     * split is not tried again with every molecule.
     */
    final int[] failedSplits;

    ReagentHalves(int matches) {
      halves = new Object[matches];
      failedSplits = new int[matches];
    }
  }

  /**
   * Reacts {@code molecule} with every reagent, or with the {@code reagentSample} reagents the
   * molecule's id selects ({@link ReagentSet#sample}; 0 for all).
   */
  public ReactionOutcome apply(ParsedMolecule molecule, String moleculeId, int reagentSample,
      Sink sink) {
    Enumeration enumeration = new Enumeration(molecule, sink);
    try {
      return enumeration.run(reagents.sample(moleculeId, reagentSample));
    } catch (RuntimeException e) {
      if (enumeration.emitted) {
        // Products already left for the sink: the row cannot be rejected as a whole any more,
        // and a failure there is not the chemistry's (each pair's is caught where it happens).
        throw e;
      }
      return new ReactionOutcome(TransformOutcome.Status.REJECTED, new Rejection(
          ReasonCode.TRANSFORM_ERROR, spec.name() + ": " + e.getClass().getSimpleName() + ": "
              + Messages.firstLine(e.getMessage()), molecule.canonicalSmiles()),
          false, 0, 0, 0, 0);
    }
  }

  /**
   * One product of a pair, for drawing: the reagent's structure with the atoms its template
   * matched, and the product with the atoms new to the molecule or changed in it.
   */
  public record Drawn(String reagentId, IAtomContainer reagent, Set<Integer> reagentSite,
      ChangedProduct product) {}

  /**
   * Up to {@code max} products of the molecule, the first of each reagent in list order (so that
   * a drawing shows several building blocks), with what drawing them needs; slower than
   * {@link #apply}, not for the run's hot path.
   */
  public List<Drawn> explain(ParsedMolecule molecule, int max) {
    List<Drawn> drawn = new ArrayList<>();
    if (max < 1) {
      return drawn;
    }
    Enumeration enumeration = new Enumeration(molecule, new Sink() {
      @Override
      public void products(String reagentId, List<Product> products) {}

      @Override
      public void productRejected(String reagentId, Rejection rejection) {}
    });
    enumeration.drawings = (reagent, match, product, kept) -> {
      if (!drawn.isEmpty() && drawn.get(drawn.size() - 1).reagentId().equals(reagent.row.id())) {
        return true;
      }
      Set<Integer> site = new java.util.TreeSet<>();
      for (int atom : match) {
        site.add(atom);
      }
      IAtomContainer reagentCopy;
      try {
        reagentCopy = reagent.molecule.clone();
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException("the CDK cannot copy a molecule", e);
      }
      drawn.add(new Drawn(reagent.row.id(), reagentCopy, site,
          AtomChanges.of(product, kept, molecule.molecule())));
      return drawn.size() < max;
    };
    enumeration.run(reagents.all());
    return drawn;
  }

  /** Receives each new product's structure; false stops the enumeration. */
  private interface DrawingSink {
    boolean accept(ReagentSet.Prepared reagent, int[] match, Product product,
        IAtomContainer kept);
  }

  /** One molecule's enumeration over its reagents. */
  private final class Enumeration {
    private final ParsedMolecule parent;
    private final Sink sink;
    /** Set only to draw products ({@link #explain}). */
    private DrawingSink drawings;
    /** Whether anything has gone to the sink. */
    private boolean emitted;
    private final Map<String, Rejection> firstRejects = new LinkedHashMap<>();
    private int candidates;
    private int productCount;
    private boolean truncated;
    private int pairsWithProducts;
    /**
     * Per site set (by position in the molecule's list of them): the molecule's half of its
     * products, {@link #NO_HALF}, or null as yet.
     */
    private Object[] moleculeHalves;

    Enumeration(ParsedMolecule parent, Sink sink) {
      this.parent = parent;
      this.sink = sink;
    }

    ReactionOutcome run(List<ReagentSet.Prepared> selected) {
      IAtomContainer molecule = parent.molecule();
      int[][] sites = plan.moleculeTemplate().pattern().matchAll(molecule).uniqueAtoms()
          .toArray();
      if (sites.length == 0) {
        return new ReactionOutcome(TransformOutcome.Status.NO_SITE, null, false, 0, 0, 0, 0);
      }
      if (sites.length > 1) {
        // Which sites 'all' combines and which products a cap keeps depend on the molecule
        // alone, never on how its SMILES was spelled.
        Arrays.sort(sites, Comparator.comparing(this::ranks, Arrays::compare));
      }
      List<int[]> siteSets = siteSets(sites);
      moleculeHalves = new Object[siteSets.size()];
      int pairs = 0;
      for (ReagentSet.Prepared reagent : selected) {
        if (truncated) {
          break;
        }
        pairs++;
        react(reagent, sites, siteSets);
      }
      TransformOutcome.Status status;
      Rejection rowRejection = null;
      if (productCount > 0) {
        status = TransformOutcome.Status.PRODUCTS;
      } else if (!firstRejects.isEmpty()) {
        Rejection first = firstRejects.values().iterator().next();
        status = TransformOutcome.Status.REJECTED;
        rowRejection = new Rejection(ReasonCode.NO_VALID_PRODUCT,
            "every product failed validation; first: " + first.code() + ": " + first.message(),
            parent.canonicalSmiles());
      } else {
        status = TransformOutcome.Status.NO_CHANGE;
      }
      return new ReactionOutcome(status, rowRejection, truncated, sites.length, pairs,
          pairsWithProducts, productCount);
    }

    private void react(ReagentSet.Prepared reagent, int[][] sites, List<int[]> siteSets) {
      Map<String, Product> products = new LinkedHashMap<>();
      Map<String, Rejection> rejects = new LinkedHashMap<>();
      pairs:
      for (int m = 0; m < reagent.matches.length; m++) {
        for (int setIndex = 0; setIndex < siteSets.size(); setIndex++) {
          int[] siteSet = siteSets.get(setIndex);
          if (++candidates > candidateBudget) {
            truncated = true;
            break pairs;
          }
          boolean byHalves = halves != null && drawings == null;
          String smiles = byHalves ? fromHalves(reagent, m, setIndex) : null;
          IAtomContainer kept = null;
          if (smiles == null) {
            ProductCheck.Result checked;
            // A pair whose halves are not known yet shows them.
            IAtom[] reagentCopy = byHalves && (moleculeHalves[setIndex] == null
                || halvesOf(reagent).halves[m] == null)
                ? new IAtom[reagent.molecule.getAtomCount()] : null;
            try {
              IAtomContainer product =
                  assemble(reagent, reagent.matches[m], sites, siteSet, reagentCopy);
              if (product == null) {
                continue;
              }
              checked = check.check(product, parent, Set::of, reagent.ringTouched[m]);
              if (reagentCopy != null && checked.rejection() == null
                  && checked.kept() == product) {
                keepHalves(JoinedHalves.split(product, reagentCopy), reagent, m, setIndex);
              }
            } catch (RuntimeException e) {
              // The CDK failing on one pair costs that pair's product, not the molecule's others.
              String subject = parent.canonicalSmiles() + "." + reagent.row.smiles();
              rejects.putIfAbsent(subject, new Rejection(ReasonCode.PRODUCT_NOT_WRITABLE,
                  "the CDK failed to assemble the product: " + e.getClass().getSimpleName() + ": "
                      + Messages.firstLine(e.getMessage()), subject));
              continue;
            }
            if (checked.rejection() != null) {
              rejects.putIfAbsent(checked.rejection().subject(), checked.rejection());
              continue;
            }
            smiles = checked.smiles();
            kept = checked.kept();
            productsFromContainers++;
          }
          if ((kept == null || parent.sameComposition(kept))
              && smiles.equals(parent.canonicalSmiles())) {
            continue;
          }
          Product existing = products.get(smiles);
          if (existing == null) {
            if (productCount >= spec.maxProductsPerMolecule()) {
              truncated = true;
              break pairs;
            }
            productCount++;
            Product made = new Product(smiles, siteSet.length);
            products.put(smiles, made);
            if (drawings != null
                && !drawings.accept(reagent, reagent.matches[m], made, kept)) {
              truncated = true;
              break pairs;
            }
          } else if (siteSet.length < existing.sites()) {
            products.put(smiles, new Product(smiles, siteSet.length));
          }
        }
      }
      for (Rejection rejection : rejects.values()) {
        emitted = true;
        firstRejects.putIfAbsent(rejection.subject(), rejection);
        sink.productRejected(reagent.row.id(), rejection);
      }
      if (!products.isEmpty()) {
        pairsWithProducts++;
        emitted = true;
        List<Product> sorted = new ArrayList<>(products.values());
        sorted.sort(Comparator.comparingInt(Product::sites).thenComparing(Product::smiles));
        sink.products(reagent.row.id(), sorted);
      }
    }

    /**
     * The product of one site set and one match written from their halves, when both are known;
     * else null, for the CDK's way.
     */
    private String fromHalves(ReagentSet.Prepared reagent, int match, int setIndex) {
      if (moleculeHalves[setIndex] instanceof JoinedHalves.Half moleculeHalf
          && halvesOf(reagent).halves[match] instanceof JoinedHalves.Half reagentHalf) {
        try {
          String smiles = halves.smiles(moleculeHalf, reagentHalf);
          if (smiles != null) {
            productsFromHalves++;
          }
          return smiles;
        } catch (java.io.IOException | RuntimeException e) {
          // The CDK's way then writes this product, or says why it cannot.
          return null;
        }
      }
      return null;
    }

    /**
     * Keeps what a product showed of its halves. A molecule's half that did not split is given
     * up for this molecule; a reagent's only when the reagent refused it, or after its products
     * did not split {@link #SPLIT_ATTEMPTS} times, since a molecule's own marks or isotopes
     * also stop a product from splitting.
     */
    private void keepHalves(JoinedHalves.Split split, ReagentSet.Prepared reagent, int match,
        int setIndex) {
      if (moleculeHalves[setIndex] == null) {
        moleculeHalves[setIndex] = split.molecule() == null ? NO_HALF : split.molecule();
      }
      ReagentHalves ofReagent = halvesOf(reagent);
      if (ofReagent.halves[match] == null) {
        if (split.reagent() != null) {
          ofReagent.halves[match] = split.reagent();
        } else if (split.reagentRefused()
            || ++ofReagent.failedSplits[match] >= SPLIT_ATTEMPTS) {
          ofReagent.halves[match] = NO_HALF;
        }
      }
    }

    /**
     * The molecule with one copy of the reagent joined at each site of {@code siteSet}; null
     * when the CDK refuses a change.
     *
     * @param reagentCopy when not null, receives the product's atoms that the first copy of the
     *     reagent brought, before the plan changes the product
     */
    private IAtomContainer assemble(ReagentSet.Prepared reagent, int[] match, int[][] sites,
        int[] siteSet, IAtom[] reagentCopy) {
      IAtomContainer product;
      try {
        int parentAtomCount = parent.molecule().getAtomCount();
        product = CheapCopyAtomContainer.joined(parent.molecule(), reagent.molecule);
        IAtom[] parentAtoms = new IAtom[parentAtomCount];
        for (int i = 0; i < parentAtoms.length; i++) {
          parentAtoms[i] = product.getAtom(i);
        }
        IAtom[] moleculeAtoms = new IAtom[sites[0].length];
        IAtom[] reagentAtoms = new IAtom[match.length];
        for (int s = 0; s < siteSet.length; s++) {
          int site = siteSet[s];
          // The first copy of the reagent came with the molecule's; a later site's is added
          // after the earlier sites' changes, as it always was (the atoms keep their order).
          int offset = s == 0 ? parentAtomCount : product.getAtomCount();
          if (s > 0) {
            product.add(reagent.molecule.clone());
          } else if (reagentCopy != null) {
            for (int i = 0; i < reagentCopy.length; i++) {
              reagentCopy[i] = product.getAtom(offset + i);
            }
          }
          for (int i = 0; i < moleculeAtoms.length; i++) {
            moleculeAtoms[i] = parentAtoms[sites[site][i]];
          }
          for (int i = 0; i < match.length; i++) {
            reagentAtoms[i] = product.getAtom(offset + match[i]);
          }
          if (!plan.apply(product, moleculeAtoms, reagentAtoms)) {
            return null;
          }
        }
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException("the CDK cannot copy a molecule", e);
      }
      return product;
    }

    /** The site sets the entry's site mode makes of the molecule's sites (in rank order). */
    private List<int[]> siteSets(int[][] sites) {
      List<int[]> sets = new ArrayList<>();
      switch (spec.sites()) {
        case SINGLE -> {
          for (int s = 0; s < sites.length; s++) {
            sets.add(new int[] {s});
          }
        }
        case ALL -> {
          List<Integer> chosen = new ArrayList<>();
          Set<Integer> used = new HashSet<>();
          for (int s = 0; s < sites.length && chosen.size() < spec.maxSites(); s++) {
            if (disjoint(sites[s], used)) {
              chosen.add(s);
              for (int atom : sites[s]) {
                used.add(atom);
              }
            }
          }
          sets.add(chosen.stream().mapToInt(Integer::intValue).toArray());
        }
        case COMBINATORIAL -> combinations(sites, 0, new ArrayList<>(), new HashSet<>(), sets);
      }
      sets.sort(Comparator.comparingInt((int[] set) -> set.length));
      return sets;
    }

    /** Every non-empty set of up to maxSites pairwise disjoint sites, from {@code from} on. */
    private void combinations(int[][] sites, int from, List<Integer> current, Set<Integer> used,
        List<int[]> out) {
      for (int s = from; s < sites.length; s++) {
        if (!disjoint(sites[s], used)) {
          continue;
        }
        current.add(s);
        for (int atom : sites[s]) {
          used.add(atom);
        }
        out.add(current.stream().mapToInt(Integer::intValue).toArray());
        if (current.size() < spec.maxSites() && out.size() < candidateBudget) {
          combinations(sites, s + 1, current, used, out);
        }
        for (int atom : sites[s]) {
          used.remove(atom);
        }
        current.remove(current.size() - 1);
      }
    }

    private int[] ranks(int[] site) {
      int[] ranks = new int[site.length];
      for (int i = 0; i < site.length; i++) {
        ranks[i] = parent.canonicalRank(site[i]);
      }
      Arrays.sort(ranks);
      return ranks;
    }
  }

  private ReagentHalves halvesOf(ReagentSet.Prepared reagent) {
    ReagentHalves known = reagentHalves[reagent.index];
    if (known == null) {
      known = new ReagentHalves(reagent.matches.length);
      reagentHalves[reagent.index] = known;
    }
    return known;
  }

  private static boolean disjoint(int[] atoms, Set<Integer> used) {
    for (int atom : atoms) {
      if (used.contains(atom)) {
        return false;
      }
    }
    return true;
  }
}
