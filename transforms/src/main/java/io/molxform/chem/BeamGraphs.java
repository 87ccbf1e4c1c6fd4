package io.molxform.chem;

import java.util.List;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.interfaces.IDoubleBondStereochemistry;
import org.openscience.cdk.interfaces.IElement;
import org.openscience.cdk.interfaces.IStereoElement;
import org.openscience.cdk.interfaces.ITetrahedralChirality;
import org.openscience.cdk.smiles.SmiFlavor;
import uk.ac.ebi.beam.AtomBuilder;
import uk.ac.ebi.beam.Bond;
import uk.ac.ebi.beam.Configuration;
import uk.ac.ebi.beam.Element;
import uk.ac.ebi.beam.Graph;
import uk.ac.ebi.beam.GraphBuilder;

/**
 * The Beam graph the CDK's SMILES writer makes of a molecule ({@code CDKToBeam.toBeamGraph}),
 * made by the same steps with atoms found by their index in the container rather than through a
 * map of atoms, and elements by atomic number rather than a map of symbols: those lookups were
 * about a third of the conversion, which every product's canonical SMILES goes through. Anything
 * the CDK handles with more than those steps (a stereo element other than tetrahedral or
 * double-bond, an atom or bond it would refuse, a flavour other than {@link #PLAIN} and
 * {@link #ISOMERIC}) goes to the CDK's own conversion, so the graph is the CDK's in every case
 * ({@code BeamGraphsTest} writes both for the test libraries and compares them).
 */
final class BeamGraphs {
  static final int PLAIN = SmiFlavor.Canonical | SmiFlavor.UseAromaticSymbols;
  static final int ISOMERIC = SmiFlavor.Isomeric | SmiFlavor.UseAromaticSymbols;

  private static final Element[] BY_ATOMIC_NUMBER = new Element[119];
  private static final Configuration[] CONFIGURATIONS = Configuration.values();

  static {
    for (Element element : Element.values()) {
      int number = element.atomicNumber();
      if (number > 0 && number < BY_ATOMIC_NUMBER.length && BY_ATOMIC_NUMBER[number] == null) {
        BY_ATOMIC_NUMBER[number] = element;
      }
    }
  }

  private BeamGraphs() {}

  /** The Beam graph of {@code molecule} for a SMILES of {@code flavour}. */
  static Graph of(IAtomContainer molecule, int flavour) throws CDKException {
    Graph graph = (flavour == PLAIN || flavour == ISOMERIC) ? direct(molecule, flavour) : null;
    return graph != null ? graph : CdkInternals.beamGraph(molecule, flavour);
  }

  /** The conversion, or null where the CDK's own must decide. */
  static Graph direct(IAtomContainer molecule, int flavour) {
    int order = molecule.getAtomCount();
    GraphBuilder builder = GraphBuilder.create(order);
    boolean isomeric = flavour == ISOMERIC;
    for (int i = 0; i < order; i++) {
      uk.ac.ebi.beam.Atom atom = atom(molecule.getAtom(i), isomeric);
      if (atom == null) {
        return null;
      }
      builder.add(atom);
    }
    for (IBond bond : molecule.bonds()) {
      if (bond.getAtomCount() != 2) {
        return null;
      }
      int u = molecule.indexOf(bond.getBegin());
      int v = molecule.indexOf(bond.getEnd());
      Bond label = label(bond);
      if (u < 0 || v < 0 || label == null) {
        return null;
      }
      builder.add(label.edge(u, v));
    }
    if (isomeric) {
      for (IStereoElement<?, ?> element : molecule.stereoElements()) {
        boolean added;
        if (element instanceof ITetrahedralChirality tetrahedral) {
          added = addTetrahedral(tetrahedral, molecule, builder);
        } else if (element instanceof IDoubleBondStereochemistry doubleBond) {
          added = addDoubleBond(doubleBond, molecule, builder);
        } else {
          added = false;
        }
        if (!added) {
          return null;
        }
      }
    }
    return builder.build();
  }

  /** {@code CDKToBeam.toBeamAtom} for these flavours (no atom classes); null to defer. */
  static uk.ac.ebi.beam.Atom atom(IAtom atom, boolean isomeric) {
    String symbol = atom.getSymbol();
    Integer number = atom.getAtomicNumber();
    Integer hydrogens = atom.getImplicitHydrogenCount();
    if (symbol == null || number == null || hydrogens == null) {
      return null;
    }
    Element element = number > 0 && number < BY_ATOMIC_NUMBER.length
        ? BY_ATOMIC_NUMBER[number] : null;
    if (element == null || !element.symbol().equals(symbol)) {
      return null;
    }
    AtomBuilder built = atom.isAromatic()
        ? AtomBuilder.aromatic(element) : AtomBuilder.aliphatic(element);
    built.hydrogens(hydrogens);
    Integer charge = atom.getFormalCharge();
    if (charge != null) {
      built.charge(charge);
    }
    if (isomeric) {
      Integer mass = atom.getMassNumber();
      if (mass != null && mass != 0) {
        built.isotope(mass);
      }
    }
    return built.build();
  }

  /** {@code CDKToBeam.toBeamEdgeLabel} with aromatic symbols; null where the CDK would refuse. */
  static Bond label(IBond bond) {
    if (bond.isAromatic()) {
      IAtom begin = bond.getBegin();
      IAtom end = bond.getEnd();
      if ((!begin.isAromatic() && !wildcard(begin)) || (!end.isAromatic() && !wildcard(end))) {
        return null;
      }
      return Bond.AROMATIC;
    }
    IBond.Order order = bond.getOrder();
    if (order == null) {
      return null;
    }
    return switch (order) {
      case SINGLE -> Bond.SINGLE;
      case DOUBLE -> Bond.DOUBLE;
      case TRIPLE -> Bond.TRIPLE;
      case QUADRUPLE -> Bond.QUADRUPLE;
      default -> null;
    };
  }

  private static boolean wildcard(IAtom atom) {
    Integer number = atom.getAtomicNumber();
    return number != null && number == IElement.Wildcard;
  }

  /** {@code CDKToBeam.addAtomStereo} for a tetrahedral centre; false to defer. */
  private static boolean addTetrahedral(ITetrahedralChirality element, IAtomContainer molecule,
      GraphBuilder builder) {
    int configOrder = element.getConfigOrder();
    if (element.getConfigClass() != IStereoElement.Tetrahedral
        || (configOrder != 1 && configOrder != 2)) {
      return false;
    }
    IAtom focus = element.getFocus();
    List<IAtom> carriers = element.getCarriers();
    int implicit = 0;
    for (IAtom carrier : carriers) {
      if (carrier.equals(focus)) {
        implicit++;
      }
    }
    if (implicit > 1) {
      return true;
    }
    int[] neighbors = new int[carriers.size() - 1];
    for (int i = 0; i < neighbors.length; i++) {
      neighbors[i] = molecule.indexOf(carriers.get(i + 1));
      if (neighbors[i] < 0) {
        return false;
      }
    }
    int centre = molecule.indexOf(focus);
    int from = molecule.indexOf(carriers.get(0));
    if (centre < 0 || from < 0) {
      return false;
    }
    Configuration configuration = tetrahedral(configOrder);
    builder.atomStereo(centre, configuration).lookingFrom(from).neighbors(neighbors).build();
    return true;
  }

  /** Beam's TH1 or TH2 for the CDK's configuration order 1 or 2. */
  static Configuration tetrahedral(int configOrder) {
    return CONFIGURATIONS[Configuration.TH1.ordinal() + configOrder - 1];
  }

  /** {@code CDKToBeam.addGeometricConfiguration} with aromatic symbols; false to defer. */
  private static boolean addDoubleBond(IDoubleBondStereochemistry element,
      IAtomContainer molecule, GraphBuilder builder) {
    IBond bond = element.getStereoBond();
    if (bond.isAromatic()) {
      return true;
    }
    IBond[] ends = element.getBonds();
    int u = molecule.indexOf(bond.getBegin());
    int v = molecule.indexOf(bond.getEnd());
    int x = molecule.indexOf(ends[0].getOther(bond.getBegin()));
    int y = molecule.indexOf(ends[1].getOther(bond.getEnd()));
    if (u < 0 || v < 0 || x < 0 || y < 0) {
      return false;
    }
    if (element.getStereo() == IDoubleBondStereochemistry.Conformation.TOGETHER) {
      builder.geometric(u, v).together(x, y);
    } else {
      builder.geometric(u, v).opposite(x, y);
    }
    return true;
  }
}
