package io.molxform.chem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openscience.cdk.AtomRef;
import org.openscience.cdk.BondRef;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.interfaces.IChemObject;
import org.openscience.cdk.interfaces.ISingleElectron;
import org.openscience.cdk.interfaces.IStereoElement;
import org.openscience.cdk.silent.AtomContainer;
import org.openscience.cdk.silent.ChemObject;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;
import org.openscience.cdk.smiles.SmilesParser;

/** The cheap copy against the CDK's own clone of the same molecule. */
class CheapCopyAtomContainerTest {
  private static final SmilesParser CHEAP = new SmilesParser(CheapCopyAtomContainer.BUILDER);
  private static final SmilesGenerator IN_GIVEN_ORDER =
      new SmilesGenerator(SmiFlavor.Isomeric | SmiFlavor.UseAromaticSymbols);

  /**
   * For every molecule of the test libraries as the chemistry parses it: the copy holds, field
   * by field, what the CDK's clone of the same molecule holds, as new atoms and bonds of its
   * own; the original is left as it was, down to each bond's own atoms; a copy of the copy is
   * the same again.
   */
  @Test
  void theCopyHoldsWhatTheCdksCloneHolds() throws Exception {
    MoleculeParser parser = new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS);
    int compared = 0;
    int withStereo = 0;
    for (String smiles : ChemistryFixture.testLibrarySmiles()) {
      MoleculeParser.Result parsed = parser.parse(smiles);
      if (!parsed.ok()) {
        continue;
      }
      IAtomContainer molecule = parsed.molecule().molecule();
      molecule.setTitle("parent " + compared);
      molecule.setID("p" + compared);
      molecule.set(IChemObject.VISITED);
      molecule.setNotification(false);
      molecule.getBond(0).setProperty("checked", compared);
      assertSame(CheapCopyAtomContainer.class, molecule.getClass(), smiles);
      String before = everything(molecule);
      String written = IN_GIVEN_ORDER.create(molecule);

      IAtomContainer copy = molecule.clone();
      String cdkCopy = everything(cdkClone(molecule));

      assertEquals(cdkCopy, everything(copy), smiles);
      assertEquals(before, everything(molecule), "the original of " + smiles);
      assertEquals(written, IN_GIVEN_ORDER.create(molecule), "the original of " + smiles);
      assertEquals(written, IN_GIVEN_ORDER.create(copy), smiles);
      for (int i = 0; i < molecule.getAtomCount(); i++) {
        assertNotSame(AtomRef.deref(molecule.getAtom(i)), AtomRef.deref(copy.getAtom(i)));
      }
      for (int i = 0; i < molecule.getBondCount(); i++) {
        assertNotSame(BondRef.deref(molecule.getBond(i)), BondRef.deref(copy.getBond(i)));
      }
      assertSame(CheapCopyAtomContainer.class, copy.getClass(), smiles);
      assertEquals(cdkCopy, everything(copy.clone()), "a copy of the copy of " + smiles);
      compared++;
      if (molecule.stereoElements().iterator().hasNext()) {
        withStereo++;
      }
    }
    assertTrue(compared >= 100 && withStereo >= 30,
        compared + " molecules compared, " + withStereo + " with stereo");
  }

  /**
   * A molecule joined to a reagent in one pass holds, field by field, what a copy of the
   * molecule holds after the CDK's {@code add} of a copy of the reagent: for molecules of the
   * test libraries with each shipped reagent (acids, amines and halides, stereo ones among them);
   * neither original changes.
   */
  @Test
  void aJoinedCopyHoldsWhatACopyWithTheOtherAddedHolds() throws Exception {
    MoleculeParser parser = new MoleculeParser(MoleculeParser.DEFAULT_MAX_HEAVY_ATOMS);
    List<IAtomContainer> reagents = new ArrayList<>();
    for (String list : List.of("acids", "amines", "halides")) {
      try (InputStream in = TransformCatalog.class.getResourceAsStream(
          "reagents/" + list + ".csv")) {
        new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1)
            .map(line -> line.split(",")[1])
            .forEach(smiles -> reagents.add(parser.parse(smiles).molecule().molecule()));
      }
    }
    int compared = 0;
    int withStereoOnBothSides = 0;
    int molecules = 0;
    for (String smiles : ChemistryFixture.testLibrarySmiles()) {
      MoleculeParser.Result parsed = parser.parse(smiles);
      if (!parsed.ok() || molecules++ % 3 != 0) {
        continue;
      }
      IAtomContainer molecule = parsed.molecule().molecule();
      String before = everything(molecule);
      for (IAtomContainer reagent : reagents) {
        String reagentBefore = everything(reagent);
        IAtomContainer added = molecule.clone();
        added.add(reagent.clone());
        IAtomContainer joined = CheapCopyAtomContainer.joined(molecule, reagent);
        assertSame(CheapCopyAtomContainer.class, joined.getClass());
        // The one difference allowed: add() leaves the reagent's bonds holding the atoms of the
        // reagent's copy, which the container looks up; the joined bonds hold its own atoms, as
        // the molecule's bonds in every copy do.
        assertEquals(everything(added).replace("plain atom#", "atom#"), everything(joined),
            smiles + " with " + IN_GIVEN_ORDER.create(reagent));
        assertEquals(IN_GIVEN_ORDER.create(added), IN_GIVEN_ORDER.create(joined), smiles);
        assertEquals(before, everything(molecule), "the original of " + smiles);
        assertEquals(reagentBefore, everything(reagent), "the reagent joined to " + smiles);
        compared++;
        if (molecule.stereoElements().iterator().hasNext()
            && reagent.stereoElements().iterator().hasNext()) {
          withStereoOnBothSides++;
        }
      }
    }
    assertTrue(compared >= 1000 && withStereoOnBothSides >= 50,
        compared + " pairs, " + withStereoOnBothSides + " with stereo on both sides");
  }

  /** Single electrons (which the chemistry does not make) are copied by the CDK's own clone. */
  @Test
  void aRadicalIsCopiedWithItsElectron() throws Exception {
    IAtomContainer radical = CHEAP.parseSmiles("C[C@H](O)[CH2]");
    radical.addSingleElectron(3);
    IAtomContainer copy = radical.clone();
    assertEquals(everything(cdkClone(radical)), everything(copy));
    assertEquals(1, copy.getSingleElectronCount());
    assertSame(copy.getAtom(3), copy.getSingleElectron(0).getAtom());
  }

  /** A change to the copy's stereo leaves the original's alone, and the other way round. */
  @Test
  void theCopysStereoIsItsOwn() throws Exception {
    IAtomContainer molecule = CHEAP.parseSmiles("C[C@H](O)/C=C/C(=O)O");
    IAtomContainer copy = molecule.clone();
    for (IStereoElement<?, ?> element : copy.stereoElements()) {
      element.setConfigOrder(3 - element.getConfigOrder());
    }
    assertEquals("C[C@H](O)/C=C/C(=O)O", IN_GIVEN_ORDER.create(molecule));
    assertEquals("C[C@@H](O)/C=C\\C(=O)O", IN_GIVEN_ORDER.create(copy));
  }

  /**
   * The CDK's own clone of {@code molecule}: that of a plain silent container holding the same
   * atoms, bonds, stereo elements and container fields.
   */
  private static IAtomContainer cdkClone(IAtomContainer molecule) throws Exception {
    AtomContainer plain = new AtomContainer(molecule);
    plain.setID(molecule.getID());
    plain.set(molecule.flags());
    plain.setNotification(molecule.getNotification());
    plain.setProperties(molecule.getProperties());
    IAtomContainer clone = plain.clone();
    assertSame(AtomContainer.class, clone.getClass());
    return clone;
  }

  /**
   * Every field of the container's own, of each atom and bond (in the CDK's classes, read by
   * reflection; atoms and bonds named by their positions) and its stereo elements by position.
   */
  private static String everything(IAtomContainer container) throws Exception {
    StringBuilder text = new StringBuilder("container ");
    fields(container, ChemObject.class, container, text);
    for (IAtom atom : container.atoms()) {
      text.append("\natom ").append(atom.getIndex()).append(' ');
      fields(AtomRef.deref(atom), AtomRef.deref(atom).getClass(), container, text);
    }
    for (IBond bond : container.bonds()) {
      text.append("\nbond ").append(bond.getIndex()).append(' ');
      fields(BondRef.deref(bond), BondRef.deref(bond).getClass(), container, text);
    }
    for (ISingleElectron electron : container.singleElectrons()) {
      text.append("\nelectron ");
      fields(electron, electron.getClass(), container, text);
    }
    return text.append('\n').append(ChemistryFixture.stereoByPosition(container)).toString();
  }

  /** The instance fields that {@code object} has as a {@code from} and its superclasses. */
  private static void fields(Object object, Class<?> from, IAtomContainer container,
      StringBuilder text) throws Exception {
    for (Class<?> type = from; type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        field.setAccessible(true);
        text.append(field.getName()).append('=')
            .append(value(field.get(object), container)).append(' ');
      }
    }
  }

  private static String value(Object value, IAtomContainer container) {
    if (value instanceof IAtom atom) {
      int position = container.indexOf(atom);
      assertTrue(position >= 0, "an atom not of the container");
      return (atom.getContainer() == container ? "atom#" : "plain atom#") + position;
    }
    if (value instanceof Object[] array) {
      StringBuilder text = new StringBuilder("[");
      for (Object element : array) {
        text.append(value(element, container)).append(',');
      }
      return text.append(']').toString();
    }
    if (value instanceof Map<?, ?> map) {
      return new TreeMap<>(map.entrySet().stream().collect(Collectors.toMap(
          entry -> String.valueOf(entry.getKey()), entry -> value(entry.getValue(), container))))
          .toString();
    }
    return String.valueOf(value);
  }
}
