#!/usr/bin/python3
"""The reference loop of the script molxform replaces, in RDKit on one core.

For each molecule of a TSV (id, smiles): parse, run the reaction, sanitize each product and
write its canonical SMILES; products are counted distinct per molecule. Prints one line of
figures: molecules, products, seconds, molecules/s, products/s.

    /usr/bin/python3 runners-config/bench/rdkit_bare_loop.py molecules.tsv 'SMIRKS'
"""
import sys
import time

from rdkit import Chem, RDLogger
from rdkit.Chem import AllChem

RDLogger.DisableLog("rdApp.*")


def main():
    path, smirks = sys.argv[1], sys.argv[2]
    with open(path) as handle:
        smiles = [line.rstrip("\n").split("\t")[1] for line in handle if "\t" in line]
    smiles = [s for s in smiles if s and s != "smiles"]
    rxn = AllChem.ReactionFromSmarts(smirks)
    started = time.perf_counter()
    molecules = products = 0
    for text in smiles:
        mol = Chem.MolFromSmiles(text)
        molecules += 1
        if mol is None:
            continue
        seen = set()
        for result in rxn.RunReactants((mol,)):
            product = result[0]
            try:
                Chem.SanitizeMol(product)
            except Exception:
                continue
            seen.add(Chem.MolToSmiles(product))
        products += len(seen)
    seconds = time.perf_counter() - started
    print("rdkit molecules=%d products=%d seconds=%.2f mol_per_s=%.0f products_per_s=%.0f"
          % (molecules, products, seconds, molecules / seconds, products / seconds))


if __name__ == "__main__":
    main()
