#!/usr/bin/python3
"""Cross-checks molxform's two-component products (building blocks) against RDKit.

For each two-component catalog entry (MOLECULE.REAGENT>>PRODUCT) in single-site mode, each valid
molecule of a library and each reagent of a list, the products molxform makes (from
`molxform apply --format=tsv --reagents=LIST`) are compared, as RDKit canonical SMILES, with the
products of RDKit's `RunReactants((molecule, reagent))` on the same SMIRKS:

- every (molecule match, reagent match) gives one product; products are sanitized and written
  as canonical SMILES, and compared as sets per (molecule, reagent) pair;
- a product that falls apart keeps its largest piece holding molecule atoms (molxform's
  'largest' rule); a product equal to the molecule is dropped; a product RDKit cannot sanitize
  is not a product;
- molxform's strings are read with their stereo marks as written (see crosscheck_rdkit.py);
- a reagent molxform rejects (no parse, no match of its template) must make no product in
  RDKit either, and a reagent RDKit cannot read is left out of both.

Run with Debian's Python (apt-get install python3-rdkit python3-yaml):
    /usr/bin/python3 testdata/tools/crosscheck_reagents_rdkit.py \\
        --transform FG_PHENOL_OH__OH__TO__OCOR --reagents LIST.csv
Prints the agreement per transform and writes the disagreements to a TSV report. Exits 1 when the
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crosscheck_rdkit import (BUILT_IN, ROOT, as_written_canonical_of, canonical,  # noqa: E402
                              read_library, reactant_templates)

RDLogger.DisableLog("rdApp.*")
CHEM = os.path.dirname(BUILT_IN)


def read_reagents(path):
    with open(path) as handle:
        return [(row["id"], row["smiles"]) for row in csv.DictReader(handle)]


def molecule_maps(rxn):
    """The atom-map numbers of the molecule's template (the first reactant)."""
    return {atom.GetAtomMapNum() for atom in rxn.GetReactantTemplate(0).GetAtoms()
            if atom.GetAtomMapNum()}


def from_molecule(atom, maps):
    """Whether a product atom came from the molecule: unmapped atoms carry the property set
    on the molecule's atoms, mapped ones the map number of the molecule's template."""
    return atom.HasProp("molxform_molecule") or (
        atom.HasProp("old_mapno") and atom.GetIntProp("old_mapno") in maps)


def with_untouched_components(product, molecule, maps):
    """RDKit leaves out the molecule's components the reaction did not touch (a counter-ion);
    molxform keeps them, so they are added back."""
    used = {atom.GetIntProp("react_atom_idx") for atom in product.GetAtoms()
            if from_molecule(atom, maps)}
    whole = product
    for piece in Chem.GetMolFrags(molecule, asMols=False, sanitizeFrags=False):
        if not used.intersection(piece):
            whole = Chem.CombineMols(whole, _submol(molecule, piece))
    return whole


def kept_piece(product, maps):
    """Among the pieces holding atoms of the molecule, the largest (heavy atoms, then carbons);
    pieces of the reagent alone are left out, as in molxform."""
    pieces = Chem.GetMolFrags(product, asMols=False, sanitizeFrags=False)
    if len(pieces) == 1:
        return product
    kept = []
    touched = []
    for piece in pieces:
        atoms = [product.GetAtomWithIdx(i) for i in piece]
        if not any(from_molecule(atom, maps) for atom in atoms):
            continue
        if any(atom.HasProp("old_mapno") for atom in atoms):
            touched.append(((sum(1 for a in atoms if a.GetAtomicNum() > 1) * 1000
                             + sum(1 for a in atoms if a.GetAtomicNum() == 6)), piece))
        else:
            kept.append(piece)
    if touched:
        kept.append(max(touched)[1])
    return _submol(product, [i for piece in kept for i in piece])


def _submol(mol, atoms):
    editable = Chem.RWMol(mol)
    for index in sorted(set(range(mol.GetNumAtoms())) - set(atoms), reverse=True):
        editable.RemoveAtom(index)
    return editable.GetMol()


def rdkit_products(rxn, maps, molecule_smiles, reagent_smiles):
    molecule = Chem.MolFromSmiles(molecule_smiles)
    reagent = Chem.MolFromSmiles(reagent_smiles)
    if molecule is None or reagent is None:
        return None
    for atom in molecule.GetAtoms():
        atom.SetIntProp("molxform_molecule", 1)
    molecule_canonical = canonical(Chem.MolFromSmiles(molecule_smiles))
    products = set()
    for outcome in rxn.RunReactants((molecule, reagent)):
        whole = with_untouched_components(outcome[0], molecule, maps)
        kept = kept_piece(whole, maps)
        try:
            Chem.SanitizeMol(kept)
        except Exception:
            continue
        text = canonical(kept)
        if text != molecule_canonical:
            products.add(as_written_canonical_of(text))
    return products


def molxform_products(jar, name, reagents_file, molecules_file):
    command = ["java", "-jar", jar, "apply", "--format=tsv", "--file=" + molecules_file,
               "--transform=" + name, "--reagents=" + reagents_file]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    products = defaultdict(set)
    truncated = set()
    for row in csv.DictReader(output.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row["status"] == "TRUNCATED":
            truncated.add(row["id"])
        if row["status"] == "PRODUCT":
            products[(row["id"], row["reagent_id"])].add(
                as_written_canonical_of(row["product_smiles"])
                or "RDKit cannot read: " + row["product_smiles"])
    return products, truncated


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jar", default=os.path.join(ROOT, "pipelines/target/molxform.jar"))
    parser.add_argument("--library", default=os.path.join(ROOT, "testdata/polyphenols.tsv"),
                        help="TSV with columns id and smiles")
    parser.add_argument("--transform", action="append",
                        help="two-component catalog entries (default: every one in single mode"
                             " with its own list)")
    parser.add_argument("--reagents", help="reagent list, CSV with id,smiles (default: the"
                                           " list each entry names)")
    parser.add_argument("--report", default=os.path.join(ROOT, "out/crosscheck-reagents.tsv"))
    parser.add_argument("--min-agreement", type=float, default=0.0)
    args = parser.parse_args()

    with open(BUILT_IN) as handle:
        entries = [e for e in yaml.safe_load(handle)["transforms"]
                   if len(reactant_templates(e["smirks"])) == 2 and e["sites"] == "single"]
    if args.transform:
        entries = [e for e in entries if e["name"] in args.transform]
    molecules = read_library(args.library)
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as handle:
        for molecule_id, smiles in molecules:
            handle.write(molecule_id + "\t" + smiles + "\n")
        molecules_file = handle.name

    os.makedirs(os.path.dirname(os.path.abspath(args.report)), exist_ok=True)
    failed = False
    total = total_agree = 0
    print("%-38s %7s %7s %9s %9s %9s" % ("transform", "pairs", "agree", "molxform", "rdkit",
                                         "agreement"))
    try:
        with open(args.report, "w") as report:
            report.write("transform\tid\tsmiles\treagent_id\treagent_smiles\tonly_molxform"
                         "\tonly_rdkit\n")
            for entry in entries:
                reagents_file = args.reagents or os.path.join(CHEM, entry["reagents"])
                reagents = read_reagents(reagents_file)
                ours, truncated = molxform_products(args.jar, entry["name"], reagents_file,
                                                    molecules_file)
                rxn = AllChem.ReactionFromSmarts(entry["smirks"])
                maps = molecule_maps(rxn)
                agree = compared = made = theirs_made = 0
                for molecule_id, smiles in molecules:
                    if molecule_id in truncated:
                        continue
                    for reagent_id, reagent_smiles in reagents:
                        theirs = rdkit_products(rxn, maps, smiles, reagent_smiles)
                        if theirs is None:
                            continue
                        mine = ours.get((molecule_id, reagent_id), set())
                        compared += 1
                        made += len(mine)
                        theirs_made += len(theirs)
                        if mine == theirs:
                            agree += 1
                        else:
                            report.write("\t".join([entry["name"], molecule_id, smiles,
                                                    reagent_id, reagent_smiles,
                                                    ".".join(sorted(mine - theirs)) or "-",
                                                    ".".join(sorted(theirs - mine)) or "-"])
                                         + "\n")
                fraction = agree / compared if compared else 1.0
                failed |= fraction < args.min_agreement
                total += compared
                total_agree += agree
                print("%-38s %7d %7d %9d %9d %8.2f%%" % (entry["name"], compared, agree, made,
                                                       theirs_made, 100 * fraction))
    finally:
        os.unlink(molecules_file)
    print("%-38s %7d %7d %9s %9s %8.2f%%" % ("all", total, total_agree, "", "",
                                             100 * total_agree / total if total else 100.0))
    print("disagreements: " + args.report)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
