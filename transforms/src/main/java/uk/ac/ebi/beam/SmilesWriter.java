package uk.ac.ebi.beam;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Writes a Beam graph as SMILES exactly as {@link Graph#toSmiles(int[])} does, by the same steps
 * as Beam's own {@code Generator} (beam-core 1.3.10, BSD licence: ring closures, their numbers,
 * branches, atom tokens, the stereo configuration of each atom in visiting order), with arrays
 * where the generator keeps a map from boxed atom indices to lists of ring-closure objects and a
 * token object per bracket atom and ring bond. And it hands over the graph Beam's parser would read
 * from the string it wrote ({@link #readBack}), which the normalization of double-bond marks
 * otherwise gets by parsing the string: writing a product's canonical SMILES was about a quarter
 * of a two-component product's chemistry, and reading it back another tenth.
 *
 * <p>It lives in Beam's package because the stereo configuration of an atom in visiting order
 * ({@code Topology.configurationOf}) and the graph's constructors are not public. A graph with
 * extended tetrahedral (allene) stereo is written by Beam's generator. {@code SmilesWriterTest}
 * compares strings, orders and read-back graphs with Beam's on every molecule of the test
 * libraries and must pass again on every upgrade of beam-core.
 */
public final class SmilesWriter {
  private static final int MAX_RING_NUMBER = 100;

  private final Graph g;
  private final int[] visitedAt;
  private int visits;
  /** Per ring closure: the atom visited first, the other, the bond as seen from the first. */
  private int[] closureFirst;
  private int[] closureSecond;
  private Bond[] closureBond;
  private int[] closureNumber;
  private int closures;
  /** Each atom's ring closures as a chain of entries in the order they were found. */
  private final int[] firstEntry;
  private final int[] lastEntry;
  private int[] entryClosure;
  private int[] entryNext;
  private int entries;
  private final Configuration[] configurations;
  private final StringBuilder sb;
  /** Per atom, the atom written before it that it is bonded to (-1: none), and that bond. */
  private final int[] parentOf;
  private final Bond[] parentBond;
  private String smiles;
  /** Written here, not by Beam's generator. */
  private boolean written;
  /** {@code Generator.IterativeRingNumbering(1)}. */
  private final boolean[] used = new boolean[MAX_RING_NUMBER];
  private int position = 1;

  private SmilesWriter(Graph g, int[] visitedAt) {
    int n = g.order();
    this.g = g;
    this.visitedAt = visitedAt;
    this.firstEntry = new int[n];
    this.lastEntry = new int[n];
    this.configurations = new Configuration[n];
    this.parentOf = new int[n];
    this.parentBond = new Bond[n];
    int expected = Math.max(4, g.size() - n + 2);
    this.closureFirst = new int[expected];
    this.closureSecond = new int[expected];
    this.closureBond = new Bond[expected];
    this.closureNumber = new int[expected];
    this.entryClosure = new int[2 * expected];
    this.entryNext = new int[2 * expected];
    // Room for a bracket atom and a ring number per atom: growing the string cost more than
    // writing it (Beam's generator starts at two characters per atom).
    this.sb = new StringBuilder(4 * n + 16);
  }

  /**
   * {@code graph.toSmiles(visitedAt)}: the SMILES, with {@code visitedAt[i]} the position at which
   * atom {@code i} is written.
   */
  public static String toSmiles(Graph graph, int[] visitedAt) throws IOException {
    return of(graph, visitedAt).smiles();
  }

  /** Writes {@code graph}, filling {@code visitedAt} as {@link #toSmiles} does. */
  public static SmilesWriter of(Graph graph, int[] visitedAt) throws IOException {
    SmilesWriter writer = new SmilesWriter(graph, visitedAt);
    if (graph.getFlags(Graph.HAS_EXT_STRO) != 0) {
      writer.smiles = graph.toSmiles(visitedAt);
    } else {
      writer.write();
    }
    return writer;
  }

  public String smiles() {
    return smiles;
  }

  /**
   * The graph {@code Graph.fromSmiles(smiles())} reads, made from the writer's own record of what
   * it wrote rather than by parsing the string: the atoms in written order; each atom's edges in
   * the order the parser adds them (the bond to the atom written before it, the ring bonds it
   * closes, then the bonds to atoms written later, in their order), each edge from its
   * earlier-written end with the label its token reads as; the stereo of each atom written with
   * a configuration; the flags the parser sets. Read from the string where the writer wrote stereo
   * other than tetrahedral, or gave the graph to Beam's generator.
   */
  public Graph readBack() throws IOException {
    if (!written || !onlyTetrahedral()) {
      return Graph.fromSmiles(smiles);
    }
    int n = g.order();
    int[] vertexAt = new int[n];
    for (int u = 0; u < n; u++) {
      vertexAt[visitedAt[u]] = u;
    }
    Graph read = new Graph(n);
    boolean aromatic = false;
    boolean directional = false;
    boolean tetrahedral = false;
    for (int k = 0; k < n; k++) {
      Atom atom = g.atom(vertexAt[k]);
      read.addAtom(atom);
      aromatic |= atom.aromatic();
    }
    for (int k = 0; k < n; k++) {
      int u = vertexAt[k];
      if (parentOf[u] >= 0) {
        Bond bond = asRead(parentBond[u]);
        read.addEdge(bond.edge(visitedAt[parentOf[u]], k));
        aromatic |= bond == Bond.AROMATIC;
        directional |= bond == Bond.UP || bond == Bond.DOWN;
      }
      for (int e = firstEntry[u]; e >= 0; e = entryNext[e]) {
        int c = entryClosure[e];
        if (closureSecond[c] == u) {
          Bond bond = asRead(closureBond[c]);
          read.addEdge(bond.edge(visitedAt[closureFirst[c]], k));
          aromatic |= bond == Bond.AROMATIC;
          directional |= bond == Bond.UP || bond == Bond.DOWN;
        }
      }
      if (writtenWithConfiguration(u)) {
        read.addTopology(g.topologyOf(u).transform(visitedAt));
        tetrahedral = true;
      }
    }
    if (aromatic) {
      read.addFlags(Graph.HAS_AROM);
    }
    if (directional) {
      read.addFlags(Graph.HAS_BND_STRO);
    }
    if (tetrahedral) {
      read.addFlags(Graph.HAS_ATM_STRO);
    }
    return read;
  }

  private boolean writtenWithConfiguration(int u) {
    return !g.atom(u).subset() && configurations[u] != null
        && configurations[u] != Configuration.UNKNOWN;
  }

  private boolean onlyTetrahedral() {
    for (int u = 0; u < g.order(); u++) {
      if (writtenWithConfiguration(u)
          && configurations[u].type() != Configuration.Type.Tetrahedral) {
        return false;
      }
    }
    return true;
  }

  /** The label the parser gives a bond's token: it has no aromatic forms of the others. */
  private static Bond asRead(Bond bond) {
    return switch (bond) {
      case IMPLICIT_AROMATIC -> Bond.IMPLICIT;
      case DOUBLE_AROMATIC -> Bond.DOUBLE;
      case UP_AROMATIC -> Bond.UP;
      case DOWN_AROMATIC -> Bond.DOWN;
      default -> bond;
    };
  }

  private void write() throws InvalidSmilesException {
    int n = g.order();
    Arrays.fill(firstEntry, -1);
    Arrays.fill(visitedAt, -1);
    for (int u = 0; u < n && visits < n; u++) {
      if (visitedAt[u] < 0) {
        prepare(u, u);
      }
    }
    visits = 0;
    Arrays.fill(visitedAt, -1);
    for (int u = 0; u < n && visits < n; u++) {
      if (visitedAt[u] < 0) {
        if (u > 0) {
          position = 1;
          write(u, u, Bond.DOT);
        } else {
          write(u, u, Bond.IMPLICIT);
        }
      }
    }
    smiles = sb.toString();
    written = true;
  }

  private void prepare(int u, int parent) {
    visitedAt[u] = visits++;
    int degree = g.degree(u);
    for (int j = 0; j < degree; j++) {
      Edge e = g.edgeAt(u, j);
      int v = e.other(u);
      if (visitedAt[v] < 0) {
        prepare(v, u);
      } else if (v != parent && visitedAt[v] < visitedAt[u]) {
        addClosure(v, u, bondFrom(e, v));
      }
    }
    prepareStereochemistry(u, parent);
  }

  private void addClosure(int first, int second, Bond bond) {
    if (closures == closureFirst.length) {
      int size = closures * 2;
      closureFirst = Arrays.copyOf(closureFirst, size);
      closureSecond = Arrays.copyOf(closureSecond, size);
      closureBond = Arrays.copyOf(closureBond, size);
      closureNumber = Arrays.copyOf(closureNumber, size);
      entryClosure = Arrays.copyOf(entryClosure, 2 * size);
      entryNext = Arrays.copyOf(entryNext, 2 * size);
    }
    int c = closures++;
    closureFirst[c] = first;
    closureSecond[c] = second;
    closureBond[c] = bond;
    closureNumber[c] = -1;
    addEntry(first, c);
    addEntry(second, c);
  }

  private void addEntry(int atom, int closure) {
    int e = entries++;
    entryClosure[e] = closure;
    entryNext[e] = -1;
    if (firstEntry[atom] < 0) {
      firstEntry[atom] = e;
    } else {
      entryNext[lastEntry[atom]] = e;
    }
    lastEntry[atom] = e;
  }

  private int otherEnd(int closure, int atom) {
    return closureFirst[closure] == atom ? closureSecond[closure] : closureFirst[closure];
  }

  /** {@code Generator.prepareStereochemistry}, the ranks moved the same way. */
  private void prepareStereochemistry(int u, int prev) {
    Topology topology = g.topologyOf(u);
    if (topology == Topology.unknown()) {
      return;
    }
    int first = firstEntry[u];
    if (first < 0) {
      configurations[u] = topology.configurationOf(visitedAt);
    } else if (entryNext[first] < 0) {
      int ring = otherEnd(entryClosure[first], u);
      int uAt = visitedAt[u];
      int rAt = visitedAt[ring];
      visitedAt[prev]--;
      visitedAt[u]--;
      visitedAt[ring] = uAt;
      configurations[u] = topology.configurationOf(visitedAt);
      visitedAt[prev]++;
      visitedAt[u]++;
      visitedAt[ring] = rAt;
    } else {
      int[] saved = new int[4];
      visitedAt[prev] -= 4;
      visitedAt[u] -= 4;
      int rank = visitedAt[u];
      int i = 0;
      for (int e = first; e >= 0; e = entryNext[e]) {
        int v = otherEnd(entryClosure[e], u);
        saved[i++] = visitedAt[v];
        visitedAt[v] = ++rank;
      }
      configurations[u] = topology.configurationOf(visitedAt);
      i = 0;
      for (int e = first; e >= 0; e = entryNext[e]) {
        visitedAt[otherEnd(entryClosure[e], u)] = saved[i++];
      }
      visitedAt[prev] += 4;
      visitedAt[u] += 4;
    }
  }

  private void write(int u, int parent, Bond bond) throws InvalidSmilesException {
    visitedAt[u] = visits++;
    parentOf[u] = u == parent ? -1 : parent;
    parentBond[u] = bond;
    int remaining = g.degree(u);
    if (u != parent) {
      remaining--;
    }
    // Numbers are taken and given back in the closures' order before the atom is written, as
    // the generator's tokens are composed.
    for (int e = firstEntry[u]; e >= 0; e = entryNext[e]) {
      int c = entryClosure[e];
      int number = nextRingNumber();
      if (closureNumber[c] < 0) {
        closureNumber[c] = number;
        used[number] = true;
      } else {
        used[closureNumber[c]] = false;
      }
      remaining--;
    }
    sb.append(bond.token());
    appendAtom(u);
    for (int e = firstEntry[u]; e >= 0; e = entryNext[e]) {
      int c = entryClosure[e];
      if (closureFirst[c] == u) {
        sb.append(closureBond[c].token());
      }
      int number = closureNumber[c];
      if (number > 9) {
        sb.append('%');
      }
      sb.append(number);
    }
    int degree = g.degree(u);
    for (int j = 0; j < degree; j++) {
      Edge e = g.edgeAt(u, j);
      int v = e.other(u);
      if (visitedAt[v] < 0) {
        if (--remaining > 0) {
          sb.append('(');
          write(v, u, bondFrom(e, u));
          sb.append(')');
        } else {
          write(v, u, bondFrom(e, u));
        }
      }
    }
  }

  /**
   * {@code e.bond(x)}, which inverts any label by a call on the label's class; only the four
   * directional labels have an inverse other than themselves.
   */
  private static Bond bondFrom(Edge e, int x) {
    Bond bond = e.bond();
    if (x == e.either()) {
      return bond;
    }
    return switch (bond) {
      case UP, DOWN, UP_AROMATIC, DOWN_AROMATIC -> bond.inverse();
      default -> bond;
    };
  }

  private int nextRingNumber() throws InvalidSmilesException {
    while (position < MAX_RING_NUMBER && used[position]) {
      position++;
    }
    if (position < MAX_RING_NUMBER) {
      return position;
    }
    position = 1;
    while (position < MAX_RING_NUMBER && used[position]) {
      position++;
    }
    if (position < MAX_RING_NUMBER) {
      return position;
    }
    throw new InvalidSmilesException("no more ring numbers can be assigned");
  }

  /** {@code Generator.SubsetToken} and {@code Generator.BracketToken}. */
  private void appendAtom(int u) {
    Atom atom = g.atom(u);
    if (atom.subset()) {
      atom.token().append(sb);
      return;
    }
    Configuration c = configurations[u] == null ? Configuration.UNKNOWN : configurations[u];
    int degree = g.degree(u);
    boolean hExpand = atom.element() == Element.Hydrogen && degree == 0;
    sb.append('[');
    if (atom.isotope() >= 0) {
      sb.append(atom.isotope());
    }
    sb.append(atom.aromatic() ? atom.element().symbol().toLowerCase(Locale.ENGLISH)
        : atom.element().symbol());
    if (c != Configuration.UNKNOWN) {
      switch (c.type()) {
        case SquarePlanar:
          sb.append(degree == 4 ? c.shorthand().symbol() : c.symbol());
          break;
        case TrigonalBipyramidal:
          sb.append(degree == 5 ? c.shorthand().symbol() : c.symbol());
          break;
        case Octahedral:
          sb.append(degree == 6 ? c.shorthand().symbol() : c.symbol());
          break;
        default:
          sb.append(c.shorthand().symbol());
          break;
      }
    }
    int hydrogens = atom.hydrogens();
    if (hydrogens > 0 && !hExpand) {
      sb.append(Element.Hydrogen.symbol());
    }
    if (hydrogens > 1 && !hExpand) {
      sb.append(hydrogens);
    }
    if (atom.charge() != 0) {
      sb.append(atom.charge() > 0 ? '+' : '-');
      int absCharge = Math.abs(atom.charge());
      if (absCharge > 1) {
        sb.append(absCharge);
      }
    }
    if (atom.atomClass() != 0) {
      sb.append(':').append(atom.atomClass());
    }
    sb.append(']');
    if (hExpand) {
      int h = hydrogens;
      while (h > 1) {
        sb.append("([H])");
        h--;
      }
      if (h > 0) {
        sb.append("[H]");
      }
    }
  }
}
