#!/usr/bin/python3
"""Cross-checks molxform's products against RDKit applying the same SMIRKS.

For every catalog entry and every valid molecule of a library, the products molxform makes
(from `molxform apply --format=tsv`) are compared, as RDKit canonical SMILES, with the products
RDKit's reaction engine makes from the same SMIRKS under the same site rules:

- single: one product per match; combinatorial: every set of up to maxSites non-overlapping
  matches of the parent; all: every non-overlapping match at once;
- products identical by symmetry collapse; a product equal to its parent is dropped; a product
  RDKit cannot sanitize is not a product;
- molxform's product strings are read by RDKit with their stereo marks as written (RDKit's
  own stereo cleaning off), so a mark molxform writes on an atom that is no stereocentre shows
  as a disagreement; RDKit's products are cleaned by RDKit first, which removes such marks;
- a product that falls apart keeps, among the pieces a parent component was split into, the
  largest (by heavy atoms) or the one holding the atom that reactant map N matched (mapped:N);
  components that were apart in the parent (counter-ions) are kept as they were.

Run with Debian's Python, which has RDKit (apt-get install python3-rdkit python3-yaml):
    /usr/bin/python3 testdata/tools/crosscheck_rdkit.py --jar pipelines/target/molxform.jar
Prints agreement per transform and writes the disagreements to a TSV report. Exits 1 when the
agreement of any transform is below --min-agreement.
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

import yaml
from rdkit import Chem, RDLogger
from rdkit.Chem import AllChem

RDLogger.DisableLog("rdApp.*")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
BUILT_IN = os.path.join(ROOT, "transforms/src/main/resources/io/molxform/chem/catalog.yaml")


def reactant_templates(smirks):
    """The reactant templates of a SMIRKS: its left side split at dots outside [] and ()."""
    side = smirks.split(">>")[0]
    templates, depth_bracket, depth_paren, start = [], 0, 0, 0
    for i, c in enumerate(side):
        if c == "[":
            depth_bracket += 1
        elif c == "]":
            depth_bracket -= 1
        elif depth_bracket == 0 and c == "(":
            depth_paren += 1
        elif depth_bracket == 0 and c == ")":
            depth_paren -= 1
        elif depth_bracket == 0 and depth_paren == 0 and c == ".":
            templates.append(side[start:i])
            start = i + 1
    templates.append(side[start:])
    return templates


def canonical(mol):
    return Chem.MolToSmiles(mol)


def as_written_canonical_of(smiles):
    """RDKit's canonical SMILES keeping every tetrahedral mark as written, meaningful or not.

    RDKit drops a double-bond mark that describes no E/Z even without its cleaning, so marked
    double bonds are counted in the string as written and compared with those RDKit keeps.
    """
    mol = Chem.MolFromSmiles(smiles, sanitize=False)
    if mol is None:
        return None
    marked = _marked_double_bonds(mol)
    try:
        Chem.SanitizeMol(mol)
    except Exception:
        return None
    Chem.AssignStereochemistry(mol, cleanIt=False, force=True)
    text = canonical(mol)
    kept = sum(1 for b in mol.GetBonds()
               if b.GetStereo() in (Chem.BondStereo.STEREOE, Chem.BondStereo.STEREOZ))
    if marked > kept:
        text += " (%d double-bond mark(s) on no stereo bond)" % (marked - kept)
    return text


def _marked_double_bonds(mol):
    """Double bonds with a directional (/ or \\) single bond at each end, as written."""
    directional = (Chem.BondDir.ENDUPRIGHT, Chem.BondDir.ENDDOWNRIGHT)

    def has_direction(atom, double):
        return any(b.GetIdx() != double.GetIdx() and b.GetBondDir() in directional
                   for b in atom.GetBonds())

    return sum(1 for b in mol.GetBonds() if b.GetBondType() == Chem.BondType.DOUBLE
               and has_direction(b.GetBeginAtom(), b) and has_direction(b.GetEndAtom(), b))


class Application:
    """One application of the reaction: the whole product, the parent atoms it changed."""

    def __init__(self, product, site, anchors):
        self.product = product
        self.site = site
        self.anchors = anchors


def tag_parent(mol):
    for atom in mol.GetAtoms():
        atom.SetIntProp("orig", atom.GetIdx())
    return mol


def apply_once(rxn, mol, anchor_map):
    """Every application of rxn to mol, sanitized; atoms keep their parent index as 'orig'."""
    results = []
    for products in rxn.RunReactants((mol,)):
        combined = products[0]
        for extra in products[1:]:
            combined = Chem.CombineMols(combined, extra)
        combined = Chem.RWMol(combined)
        site = set()
        anchors = set()
        for atom in combined.GetAtoms():
            if atom.HasProp("react_atom_idx"):
                source = mol.GetAtomWithIdx(atom.GetIntProp("react_atom_idx"))
                if source.HasProp("orig"):
                    atom.SetIntProp("orig", source.GetIntProp("orig"))
            if atom.HasProp("old_mapno") and atom.HasProp("orig"):
                site.add(atom.GetIntProp("orig"))
                if anchor_map and atom.GetIntProp("old_mapno") == anchor_map:
                    anchors.add(atom.GetIntProp("orig"))
        for atom in combined.GetAtoms():  # the next application marks its own atoms
            for prop in ("old_mapno", "react_atom_idx"):
                if atom.HasProp(prop):
                    atom.ClearProp(prop)
        try:
            Chem.SanitizeMol(combined)
            product = Chem.RemoveHs(combined)
        except Exception:  # a product RDKit cannot sanitize is no product
            continue
        results.append(Application(product, frozenset(site), anchors))
    return results


def keep_fragment(product, parent, rule, anchors, matched):
    """The fragment rule, with the parent's untouched components put back."""
    parent_components = Chem.GetMolFrags(parent)
    component_of = {}
    for number, atoms in enumerate(parent_components):
        for index in atoms:
            component_of[index] = number
    pieces = defaultdict(list)
    present = set()
    for piece in Chem.GetMolFrags(product, asMols=True, sanitizeFrags=False):
        origs = [a.GetIntProp("orig") for a in piece.GetAtoms() if a.HasProp("orig")]
        if not origs:
            continue
        present.update(component_of[o] for o in origs)
        pieces[component_of[origs[0]]].append(piece)
    kept = None
    for number in sorted(set(pieces) | set(range(len(parent_components)))):
        if number not in pieces:
            if any(i in matched for i in parent_components[number]):
                continue
            chosen = [Chem.PathToSubmol(parent, _bonds_of(parent, parent_components[number]))
                      if len(parent_components[number]) > 1
                      else _single_atom(parent, parent_components[number][0])]
        elif len(pieces[number]) == 1 or rule == "all":
            chosen = pieces[number]
        elif rule.startswith("mapped:"):
            chosen = [p for p in pieces[number]
                      if any(a.HasProp("orig") and a.GetIntProp("orig") in anchors
                             for a in p.GetAtoms())]
        else:
            chosen = [max(pieces[number], key=lambda p: (
                p.GetNumHeavyAtoms(), sum(a.GetAtomicNum() == 6 for a in p.GetAtoms()),
                _negated(canonical(p))))]
        for piece in chosen:
            kept = piece if kept is None else Chem.CombineMols(kept, piece)
    return kept


def _bonds_of(mol, atoms):
    atoms = set(atoms)
    return [b.GetIdx() for b in mol.GetBonds()
            if b.GetBeginAtomIdx() in atoms and b.GetEndAtomIdx() in atoms]


def _single_atom(mol, index):
    return Chem.MolFromSmiles(Chem.MolFragmentToSmiles(mol, [index]))


class _negated(str):
    """Orders strings backwards, so max() picks the smaller SMILES among equal sizes."""

    def __lt__(self, other):
        return str.__gt__(self, other)

    def __gt__(self, other):
        return str.__lt__(self, other)


def rdkit_products(entry, smiles):
    parent = Chem.MolFromSmiles(smiles)
    if parent is None:
        return None
    tag_parent(parent)
    parent_canonical = canonical(parent)
    rxn = AllChem.ReactionFromSmarts(entry["smirks"])
    rule = str(entry.get("keepFragment", "largest"))
    anchor_map = int(rule.split(":")[1]) if rule.startswith("mapped:") else None
    mode = entry["sites"]
    max_sites = int(entry["maxSites"])
    first = apply_once(rxn, parent, anchor_map)
    original_sites = {app.site for app in first}
    finals = []  # (whole product, anchors, matched atoms)

    if mode == "single":
        finals = [(app.product, app.anchors, app.site) for app in first]
    elif mode == "all":
        if first:
            state, used, anchors, applied = first[0].product, set(first[0].site), \
                set(first[0].anchors), 1
            while applied < max_sites:
                nxt = [a for a in apply_once(rxn, state, anchor_map)
                       if a.site in original_sites and not (a.site & used)]
                if not nxt:
                    break
                state = nxt[0].product
                used |= nxt[0].site
                anchors |= nxt[0].anchors
                applied += 1
            finals = [(state, anchors, used)]
    else:  # combinatorial
        level = []
        seen = set()
        for app in first:
            finals.append((app.product, app.anchors, app.site))
            key = canonical(app.product)
            if key not in seen:
                seen.add(key)
                level.append((app.product, set(app.site), set(app.anchors)))
        for _ in range(2, max_sites + 1):
            next_level = []
            for state, used, anchors in level:
                for app in apply_once(rxn, state, anchor_map):
                    if app.site not in original_sites or (app.site & used):
                        continue
                    finals.append((app.product, anchors | app.anchors, used | app.site))
                    key = canonical(app.product)
                    if key not in seen:
                        seen.add(key)
                        next_level.append((app.product, used | app.site, anchors | app.anchors))
            level = next_level

    products = set()
    for product, anchors, matched in finals:
        kept = keep_fragment(product, parent, rule, anchors, matched)
        if kept is None:
            continue
        try:
            Chem.SanitizeMol(kept)
        except Exception:
            continue
        text = canonical(kept)
        if text != parent_canonical:
            # Through the same writer as molxform's strings: RDKit writes ring stereo differently
            # with and without its cleaning, though the molecule is the same.
            products.add(as_written_canonical_of(text))
    return products


def molxform_products(jar, catalog, names, molecules_file):
    command = ["java", "-jar", jar, "apply", "--format=tsv", "--file=" + molecules_file,
               "--transform=" + ",".join(names)]
    if catalog != BUILT_IN:
        command.append("--catalog=" + catalog)
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    products = defaultdict(set)
    truncated = set()
    for row in csv.DictReader(output.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        key = (row["transform"], row["id"])
        products[key]  # a molecule with no product still has an (empty) entry
        if row["status"] == "TRUNCATED":
            truncated.add(key)
        if row["status"] == "PRODUCT":
            products[key].add(as_written_canonical_of(row["product_smiles"]) or
                              "RDKit cannot read: " + row["product_smiles"])
    # A molecule whose enumeration hit the product cap is not compared: which products a cap
    # keeps is molxform's rule, not chemistry.
    for key in truncated:
        del products[key]
    return products, len(truncated)


def read_library(path):
    molecules = []
    with open(path) as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            smiles = row["smiles"]
            if smiles and smiles != "\\N" and Chem.MolFromSmiles(smiles) is not None:
                molecules.append((row["id"], smiles))
    return molecules


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jar", default=os.path.join(ROOT, "pipelines/target/molxform.jar"))
    parser.add_argument("--library", default=os.path.join(ROOT, "testdata/polyphenols.tsv"),
                        help="TSV with columns id and smiles")
    parser.add_argument("--catalog", default=BUILT_IN)
    parser.add_argument("--report", default=os.path.join(ROOT, "out/crosscheck-rdkit.tsv"))
    parser.add_argument("--min-agreement", type=float, default=0.0,
                        help="fail when a transform agrees on fewer molecules than this fraction")
    args = parser.parse_args()

    with open(args.catalog) as handle:
        entries = yaml.safe_load(handle)["transforms"]
    # Two-component entries (building blocks) have their own check: crosscheck_reagents_rdkit.py
    entries = [e for e in entries if len(reactant_templates(e["smirks"])) == 1]
    molecules = read_library(args.library)
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as handle:
        for molecule_id, smiles in molecules:
            handle.write(molecule_id + "\t" + smiles + "\n")
        molecules_file = handle.name
    try:
        ours, truncated = molxform_products(args.jar, args.catalog,
                                            [e["name"] for e in entries], molecules_file)
    finally:
        os.unlink(molecules_file)

    os.makedirs(os.path.dirname(os.path.abspath(args.report)), exist_ok=True)
    failed = False
    total_agree = total = 0
    print("%-42s %9s %9s %9s" % ("transform", "molecules", "agree", "agreement"))
    with open(args.report, "w") as report:
        report.write("transform\tid\tsmiles\tonly_molxform\tonly_rdkit\n")
        for entry in entries:
            agree = compared = 0
            for molecule_id, smiles in molecules:
                theirs = rdkit_products(entry, smiles)
                mine = ours.get((entry["name"], molecule_id))
                if theirs is None or mine is None:
                    continue
                compared += 1
                if mine == theirs:
                    agree += 1
                else:
                    report.write("\t".join([entry["name"], molecule_id, smiles,
                                            ".".join(sorted(mine - theirs)) or "-",
                                            ".".join(sorted(theirs - mine)) or "-"]) + "\n")
            fraction = agree / compared if compared else 1.0
            failed |= fraction < args.min_agreement
            total_agree += agree
            total += compared
            print("%-42s %9d %9d %8.1f%%" % (entry["name"], compared, agree, 100 * fraction))
    print("%-42s %9d %9d %8.1f%%" % ("all", total, total_agree,
                                     100 * total_agree / total if total else 100))
    print("not compared: %d (molecule, transform) pairs that hit the product cap" % truncated)
    print("disagreements: " + args.report)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
