#!/usr/bin/python3
"""The reference loop of the script molxform replaces, in RDKit on one core.

For each molecule of a TSV (id, smiles): parse, run the reaction, sanitize each product and
write its canonical SMILES; products are counted distinct per molecule. With a reagent list (a
CSV with a header and a smiles column; the reagents are parsed once, before the clock starts),
each molecule is reacted with each reagent (RunReactants((molecule, reagent))) and products are
counted distinct per pair. Prints one line of figures: molecules, pairs, products, seconds,
molecules/s, products/s.

    /usr/bin/python3 runners-config/bench/rdkit_bare_loop.py molecules.tsv 'SMIRKS' [reagents.csv]
"""
import csv
import sys
import time

from rdkit import Chem, RDLogger
from rdkit.Chem import AllChem

RDLogger.DisableLog("rdApp.*")


def main():
    path, smirks = sys.argv[1], sys.argv[2]
    reagents = None
    if len(sys.argv) > 3:
        with open(sys.argv[3]) as handle:
            reagents = [Chem.MolFromSmiles(row["smiles"]) for row in csv.DictReader(handle)]
        reagents = [r for r in reagents if r is not None]
    with open(path) as handle:
        smiles = [line.rstrip("\n").split("\t")[1] for line in handle if "\t" in line]
    smiles = [s for s in smiles if s and s != "smiles"]
    rxn = AllChem.ReactionFromSmarts(smirks)
    started = time.perf_counter()
    molecules = products = pairs = 0
    for text in smiles:
        mol = Chem.MolFromSmiles(text)
        molecules += 1
        if mol is None:
            continue
        for reactants in ([(mol,)] if reagents is None else [(mol, r) for r in reagents]):
            pairs += 1
            seen = set()
            for result in rxn.RunReactants(reactants):
                product = result[0]
                try:
                    Chem.SanitizeMol(product)
                except Exception:
                    continue
                seen.add(Chem.MolToSmiles(product))
            products += len(seen)
    seconds = time.perf_counter() - started
    print("rdkit molecules=%d pairs=%d products=%d seconds=%.2f mol_per_s=%.0f products_per_s=%.0f"
          % (molecules, pairs, products, seconds, molecules / seconds, products / seconds))


if __name__ == "__main__":
    main()
