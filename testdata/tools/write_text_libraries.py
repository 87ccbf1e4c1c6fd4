#!/usr/bin/python3
"""Writes the test library as the text files chemists exchange, with RDKit (independent of the
CDK that molxform reads them with):

- polyphenols.smi: SMILES, a space, the id (the convention of RDKit's SmilesMolSupplier), with a
  header line; rows without a SMILES are left out;
- polyphenols.csv.gz: every column, quoted where a field holds a comma or a quote (Python's csv
  writer), gzipped;
- polyphenols.sdf.gz: a V2000 molfile per molecule RDKit reads, with 2D coordinates and wedge
  bonds (RDKit's depiction and wedging), the id as the title and the other columns as data
  fields, gzipped. A double bond that could be E or Z but whose geometry the SMILES leaves open
  is written as an 'either' bond (crossed, stereo 3): otherwise the drawing would give it one.

Run with Debian's Python (apt-get install python3-rdkit):
    /usr/bin/python3 testdata/tools/write_text_libraries.py
"""

import csv
import gzip
import io
import os

from rdkit import Chem, RDLogger
from rdkit.Chem import AllChem

RDLogger.DisableLog("rdApp.*")
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, ".."))


def read_rows():
    with open(os.path.join(DATA, "polyphenols.tsv")) as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows:
        if row["smiles"] == "\\N":
            row["smiles"] = None
    return rows


def molblock(row):
    mol = Chem.MolFromSmiles(row["smiles"])
    if mol is None:
        return None
    for info in Chem.FindPotentialStereo(mol):
        if info.type == Chem.StereoType.Bond_Double and \
                info.specified == Chem.StereoSpecified.Unspecified:
            mol.GetBondWithIdx(info.centeredOn).SetStereo(Chem.BondStereo.STEREOANY)
    AllChem.Compute2DCoords(mol)
    mol.SetProp("_Name", row["id"])
    for column in ("name", "class", "formula"):
        mol.SetProp(column, row[column])
    text = io.StringIO()
    writer = Chem.SDWriter(text)
    writer.SetForceV3000(False)
    writer.write(mol)
    writer.close()
    return text.getvalue()


def main():
    rows = read_rows()
    with open(os.path.join(DATA, "polyphenols.smi"), "w") as out:
        out.write("smiles id\n")
        for row in rows:
            if row["smiles"]:
                out.write(row["smiles"] + " " + row["id"] + "\n")
    with gzip.open(os.path.join(DATA, "polyphenols.csv.gz"), "wt", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "name", "class", "formula", "smiles"])
        for row in rows:
            writer.writerow([row["id"], row["name"], row["class"], row["formula"],
                             row["smiles"] or ""])
    written = 0
    with gzip.open(os.path.join(DATA, "polyphenols.sdf.gz"), "wt") as out:
        for row in rows:
            block = molblock(row) if row["smiles"] else None
            if block is not None:
                out.write(block)
                written += 1
    print("wrote polyphenols.smi, polyphenols.csv.gz and polyphenols.sdf.gz (%d molfiles)"
          % written)


if __name__ == "__main__":
    main()
