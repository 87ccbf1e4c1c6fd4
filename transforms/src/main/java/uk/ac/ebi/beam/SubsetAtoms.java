package uk.ac.ebi.beam;

/**
 * The atom {@code GraphBuilder.build} leaves in a graph in place of a given one: its organic-subset
 * form (written without brackets) where the builder's {@code suppress} would put it, by the same
 * test (beam-core 1.3.10). A caller that builds many graphs from the same atoms with the same
 * bonds takes the subset form once, and the builder finds nothing left to do for them; the
 * builder's own lookup of the form, a map per atom per graph, was a twentieth of a two-component
 * product's chemistry. {@code JoinedHalvesTest} compares every product it touches.
 */
public final class SubsetAtoms {
  private SubsetAtoms() {}

  /**
   * {@code atom} as the builder leaves it at a vertex of bonded valence {@code valence} (the sum
   * of its edges' {@link Bond#order()}) that has no stereo configuration.
   */
  public static Atom asBuilt(Atom atom, int valence) {
    if (!atom.subset() && atom.element().organic() && atom.isotope() < 0 && atom.charge() == 0
        && atom.atomClass() == 0) {
      int h = atom.hydrogens();
      if (atom.aromatic()) {
        if (h == atom.element().aromaticImplicitHydrogens(1 + valence)) {
          return AtomImpl.AromaticSubset.ofElement(atom.element());
        }
      } else if (h == atom.element().implicitHydrogens(valence)) {
        return AtomImpl.AliphaticSubset.ofElement(atom.element());
      }
    }
    return atom;
  }
}
