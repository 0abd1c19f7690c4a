using System.Numerics;
using FsCheck;
using FsCheck.Xunit;
using Fwbm.Core.Models;
using Fwbm.Core.Numerics;
using Xunit;
using Xunit.Abstractions;

namespace Fwbm.Core.Tests.Models;

/// <summary>
/// Checks every registered model's equations: the scalar path (<see cref="Real"/>) and the SIMD path (<see cref="RealVec"/>) give the
/// same Drift, Output, Observe and BoldDrive on random states, coupling inputs and parameters within the declared ranges — the
/// pattern a further backend (TorchSharp tensors) reuses — and the specs are well formed.
/// </summary>
public class ModelEquationProperties(ITestOutputHelper output)
{
    public static TheoryData<string> ModelNames() { var d = new TheoryData<string>(); foreach (var m in ModelRegistry.All) d.Add(m.Name); return d; }

    /// <summary>Largest relative disagreement between the two paths over one random draw of W lanes.</summary>
    private sealed class PathComparison(int seed) : IModelVisitor<double>
    {
        public double Visit<TModel>() where TModel : INeuralMass
        {
            var spec = TModel.Spec;
            var rng = new Random(seed);
            int w = RealVec.Count, nv = spec.StateCount, nc = spec.ChannelCount, np = spec.ParameterCount, no = spec.ObservableCount;
            double Uniform(double lo, double hi) => lo + (hi - lo) * rng.NextDouble();
            var x = new double[nv, w]; var c = new double[nc, w]; var p = new double[np, w];
            for (int l = 0; l < w; l++)
            {
                for (int v = 0; v < nv; v++)
                {
                    var sv = spec.StateVariables[v];
                    double span = Math.Max(sv.InitMax - sv.InitMin, 1.0);
                    x[v, l] = Math.Clamp(Uniform(sv.InitMin - span, sv.InitMax + span), sv.LowerBound ?? double.MinValue, sv.UpperBound ?? double.MaxValue);
                }
                for (int k = 0; k < nc; k++) c[k, l] = Uniform(-2, 2);
                for (int k = 0; k < np; k++) p[k, l] = Uniform(spec.Parameters[k].Min, spec.Parameters[k].Max);
            }
            RealVec Vec(double[,] a, int row) { var t = new double[w]; for (int l = 0; l < w; l++) t[l] = a[row, l]; return new RealVec(new Vector<double>(t)); }
            var xv = Enumerable.Range(0, nv).Select(v => Vec(x, v)).ToArray();
            var cv = Enumerable.Range(0, nc).Select(k => Vec(c, k)).ToArray();
            var pv = Enumerable.Range(0, np).Select(k => Vec(p, k)).ToArray();
            var dv = new RealVec[nv]; var hv = new RealVec[nc]; var ov = new RealVec[no];
            TModel.Drift<RealVec>(xv, cv, pv, dv);
            TModel.Output<RealVec>(xv, pv, hv);
            TModel.Observe<RealVec>(xv, cv, pv, ov);
            var bv = TModel.BoldDrive<RealVec>(xv, pv);
            double worst = 0;
            for (int l = 0; l < w; l++)
            {
                var xs = Enumerable.Range(0, nv).Select(v => (Real)x[v, l]).ToArray();
                var cs = Enumerable.Range(0, nc).Select(k => (Real)c[k, l]).ToArray();
                var ps = Enumerable.Range(0, np).Select(k => (Real)p[k, l]).ToArray();
                var ds = new Real[nv]; var hs = new Real[nc]; var os = new Real[no];
                TModel.Drift<Real>(xs, cs, ps, ds);
                TModel.Output<Real>(xs, ps, hs);
                TModel.Observe<Real>(xs, cs, ps, os);
                var bs = TModel.BoldDrive<Real>(xs, ps);
                for (int v = 0; v < nv; v++) worst = Math.Max(worst, Rel(ds[v], dv[v].V[l]));
                for (int k = 0; k < nc; k++) worst = Math.Max(worst, Rel(hs[k], hv[k].V[l]));
                for (int k = 0; k < no; k++) worst = Math.Max(worst, Rel(os[k], ov[k].V[l]));
                worst = Math.Max(worst, Rel(bs, bv.V[l]));
            }
            return worst;
        }

        private static double Rel(double a, double b)
        {
            if (double.IsNaN(a) || double.IsNaN(b)) return double.PositiveInfinity; // equations must not produce NaN inside their ranges
            if (a == b) return 0;
            return Math.Abs(a - b) / Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(b)));
        }
    }

    [Property(MaxTest = 300)]
    public bool Scalar_and_simd_paths_agree_for_every_model(int seed)
    {
        foreach (var m in ModelRegistry.All)
        {
            double worst = m.Accept(new PathComparison(seed));
            if (!(worst <= 1e-12)) { output.WriteLine($"{m.Name}: relative disagreement {worst:E2} (seed {seed})"); return false; }
        }
        return true;
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Spec_is_well_formed(string name)
    {
        var s = ModelRegistry.Get(name).Spec;
        Assert.False(string.IsNullOrWhiteSpace(s.Title));
        Assert.False(string.IsNullOrWhiteSpace(s.Citation));
        Assert.False(string.IsNullOrWhiteSpace(s.BoldDriveDoc));
        Assert.True(s.MaxDtMs > 0 && s.DefaultDtMs > 0 && s.DefaultDtMs <= s.MaxDtMs, "0 < default dt ≤ max dt");
        Assert.True(s.TimeUnitMs > 0);
        Assert.True(s.StateCount > 0 && s.ChannelCount > 0);
        foreach (var p in s.Parameters)
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Doc), $"{name}.{p.Name}: doc");
            Assert.True(p.Min <= p.Default && p.Default <= p.Max, $"{name}.{p.Name}: default {p.Default} outside [{p.Min}, {p.Max}]");
            Assert.NotNull(p.Unit);
            foreach (var alias in p.Aliases.Prepend(p.Name)) Assert.Equal(s.Parameters.ToList().IndexOf(p), s.IndexOf(alias)); // every name resolves to its parameter
        }
        var names = s.Parameters.SelectMany(p => p.Aliases.Prepend(p.Name)).Append(ModelSpec.CouplingParameter.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        foreach (var v in s.StateVariables)
        {
            Assert.True(v.InitMin <= v.InitMax, $"{name}.{v.Name}: init range");
            Assert.True((v.LowerBound ?? double.MinValue) <= v.InitMin && v.InitMax <= (v.UpperBound ?? double.MaxValue), $"{name}.{v.Name}: init range inside bounds");
        }
        var recordable = s.StateVariables.Select(v => v.Name).Concat(s.Observables.Select(o => o.Name)).ToList();
        Assert.Equal(recordable.Count, recordable.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var o in s.Observables) { Assert.False(string.IsNullOrWhiteSpace(o.Doc)); Assert.Equal((true, s.Observables.ToList().IndexOf(o)), s.RecordableIndexOf(o.Name)); }
        if (s.DefaultCoupling == CouplingKind.Sigmoidal) Assert.True(s.DefaultCouplingSpec.SigmoidSlope > 0);
    }

    [Fact]
    public void Ambiguous_case_insensitive_names_are_refused_and_exact_case_wins()
    {
        var jr = ModelRegistry.Get("jansen_rit").Spec;
        Assert.Equal(JansenRit.A, jr.IndexOf("A"));
        Assert.Equal(JansenRit.a, jr.IndexOf("a"));
        Assert.Equal(-1, jr.IndexOf("g"));                  // coupling alias, case-insensitive and unique
        Assert.Equal(JansenRit.NuMax, jr.IndexOf("NU_MAX"));
        var hopf = ModelRegistry.Get("hopf").Spec;
        Assert.Equal(Hopf.Omega, hopf.IndexOf("OMEGA"));
        Assert.Contains("no parameter 'zz'", Assert.Throws<FwbmException>(() => jr.IndexOf("zz")).Message);
    }

    [Fact]
    public void Registry_lists_all_issue_2_models()
    {
        var names = ModelRegistry.All.Select(m => m.Name).ToArray();
        output.WriteLine(string.Join(", ", names));
        Assert.Equal(["hopf", "wilson_cowan", "dmf", "jansen_rit", "kuramoto", "epileptor2d"], names);
    }
}
