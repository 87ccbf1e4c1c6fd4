package io.molxform.chem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openscience.cdk.graph.ConnectedComponents;
import org.openscience.cdk.graph.GraphUtil;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.isomorphism.DfPattern;
import org.openscience.cdk.isomorphism.Pattern;
import org.openscience.cdk.isomorphism.Transform;
import org.openscience.cdk.isomorphism.matchers.QueryAtomContainer;
import org.openscience.cdk.smirks.Smirks;

/**
 * A two-component SMIRKS ({@code A.B>>P}) split into what each side matches on its own molecule,
 * and the CDK's plan of changes applied to a match given from outside.
 *
 * <p>The CDK applies a SMIRKS by matching its whole reactant query in one container
 * ({@code Transform.apply}): for a molecule and a reagent that means matching both templates
 * again for every pair, and without care a template may match across the two molecules or a
 * molecule's groups react with each other. Here the molecule template is matched once per
 * molecule, the reagent template once per reagent, and a pair only hands the two matches to
 * the CDK's plan ({@code TransformPlan.apply(container, atomMap)}), the very code
 * {@code Transform.apply} runs after its own match. The CDK keeps the plan and its query
 * package-private; {@link CdkInternals} reaches them.
 */
final class ReactionPlan {
  /** One template of the reaction: its pattern and, per pattern atom, its place in the plan. */
  record Template(Pattern pattern, int[] planIndex) {}

  private final Object plan;
  private final Template molecule;
  private final Template reagent;

  private ReactionPlan(Object plan, Template molecule, Template reagent) {
    this.plan = plan;
    this.molecule = molecule;
    this.reagent = reagent;
  }

  /**
   * Compiles a SMIRKS of two reactant templates; {@link IllegalArgumentException} says what is
   * wrong with it.
   */
  static ReactionPlan compile(String smirks) {
    String[] templates = Reactants.split(smirks);
    if (templates.length != 2) {
      throw new IllegalArgumentException("a two-component SMIRKS has two reactant templates"
          + " (MOLECULE.REAGENT>>PRODUCT), this one has " + templates.length);
    }
    Transform transform = new Transform();
    if (!Smirks.parse(transform, smirks)) {
      throw new IllegalArgumentException(transform.message());
    }
    CdkInternals.CompiledSmirks compiled = CdkInternals.compiled(transform);
    Object plan = compiled.plan();
    IAtomContainer query = compiled.query();
    // The CDK numbers the plan's atoms by the query's order; the templates are the query's two
    // connected parts, the molecule's being the one written first.
    int[] component = new ConnectedComponents(GraphUtil.toAdjList(query)).components();
    List<Integer> moleculeAtoms = new ArrayList<>();
    List<Integer> reagentAtoms = new ArrayList<>();
    Set<Integer> reagentComponents = new HashSet<>();
    for (int i = 0; i < query.getAtomCount(); i++) {
      if (component[i] == component[0]) {
        moleculeAtoms.add(i);
      } else {
        reagentAtoms.add(i);
        reagentComponents.add(component[i]);
      }
    }
    if (reagentComponents.size() != 1) {
      throw new IllegalArgumentException("each reactant template of '" + smirks
          + "' must be one connected pattern (MOLECULE.REAGENT>>PRODUCT)");
    }
    return new ReactionPlan(plan, template(query, moleculeAtoms), template(query, reagentAtoms));
  }

  private static Template template(IAtomContainer query, List<Integer> atoms) {
    QueryAtomContainer part = new QueryAtomContainer(query.getBuilder());
    int[] planIndex = new int[atoms.size()];
    for (int i = 0; i < atoms.size(); i++) {
      part.addAtom(query.getAtom(atoms.get(i)));
      planIndex[i] = atoms.get(i) + 1;
    }
    for (IBond bond : query.bonds()) {
      if (part.contains(bond.getBegin()) && part.contains(bond.getEnd())) {
        part.addBond(bond);
      }
    }
    return new Template(DfPattern.findSubstructure(part), planIndex);
  }

  Template moleculeTemplate() {
    return molecule;
  }

  Template reagentTemplate() {
    return reagent;
  }

  /** The size of the atom map {@link #apply} takes for {@code container}. */
  int atomMapSize(IAtomContainer container) {
    return CdkInternals.planAtomMapSize(plan, container);
  }

  /**
   * Applies the plan in place to {@code container}, whose atoms {@code moleculeAtoms} and
   * {@code reagentAtoms} (each in its template's atom order) play the two templates. False when
   * the CDK refused a change (then the container is as it was).
   */
  boolean apply(IAtomContainer container, IAtom[] moleculeAtoms, IAtom[] reagentAtoms) {
    IAtom[] atomMap = new IAtom[atomMapSize(container)];
    for (int i = 0; i < moleculeAtoms.length; i++) {
      atomMap[molecule.planIndex()[i]] = moleculeAtoms[i];
    }
    for (int i = 0; i < reagentAtoms.length; i++) {
      atomMap[reagent.planIndex()[i]] = reagentAtoms[i];
    }
    return CdkInternals.applyPlan(plan, container, atomMap);
  }
}
