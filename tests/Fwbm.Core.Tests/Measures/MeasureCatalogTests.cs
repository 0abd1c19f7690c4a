using Fwbm.Core.Exploration;
using Fwbm.Core.Measures;
using Fwbm.Core.Tests.Data;
using Xunit;

namespace Fwbm.Core.Tests.Measures;

public class MeasureCatalogTests
{
    [Fact]
    public void Every_measure_has_a_unique_name_a_goal_a_unit_a_meaning_and_its_needs()
    {
        Assert.Equal(MeasureCatalog.Names.Count, MeasureCatalog.Names.Distinct().Count());
        foreach (var d in MeasureCatalog.All.Select(m => m.Definition))
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Unit), d.Name);
            Assert.False(string.IsNullOrWhiteSpace(d.GoalReason), d.Name);
            Assert.NotEqual(MeasureNeeds.Nothing, d.Needs);
        }
        foreach (var n in new[] { "fc_similarity", "fc_distance", "mean_fc", "fcd_ks", "psd_peak", "spectral_distance", "synchrony", "metastability", "gs_std", "sc_fc" })
            Assert.Contains(n, MeasureCatalog.Names);
    }

    [Fact]
    public void Goals_are_declared_once_and_honestly()
    {
        GoalKind K(string n) => MeasureCatalog.Get(n).Definition.Goal.Kind;
        Assert.Equal(GoalKind.Maximise, K("fc_similarity"));
        Assert.Equal(GoalKind.Minimise, K("fc_distance"));
        Assert.Equal(GoalKind.Minimise, K("fcd_ks"));
        Assert.Equal(GoalKind.Minimise, K("spectral_distance"));
        Assert.Equal(GoalKind.Target, K("psd_peak"));
        Assert.Null(MeasureCatalog.Get("psd_peak").Definition.Goal.Target);
        Assert.Equal(GoalKind.Maximise, K("metastability"));
        Assert.Contains("Deco", MeasureCatalog.Get("metastability").Definition.GoalReason);
        Assert.Equal(GoalKind.None, K("gs_std"));       // descriptive: not better when larger (nor smaller)
        Assert.Equal(GoalKind.None, K("mean_fc"));
        Assert.Equal(GoalKind.None, K("synchrony"));
        // a measure made by hand takes the catalogue's goal for its name
        Assert.Equal(MeasureGoal.Minimise, SweepMeasure.Of("fc_distance", _ => 0).Goal);
        Assert.Equal(MeasureGoal.None, SweepMeasure.Of("my_number", _ => 0).Goal);
        Assert.Equal(MeasureGoal.Maximise, SweepMeasure.Of("my_number", _ => 0, MeasureGoal.Maximise).Goal);
    }

    [Fact]
    public void An_unknown_name_is_an_error_with_did_you_mean_and_the_list()
    {
        var e = Assert.Throws<FwbmException>(() => MeasureCatalog.Get("fc_similarty"));
        Assert.StartsWith("Unknown measure 'fc_similarty'; did you mean fc_similarity?", e.Message);
        Assert.Contains("Measures: fc_similarity, fc_distance, mean_fc, sc_fc, fcd_ks", e.Message);
        Assert.Equal("psd_peak", MeasureCatalog.Get("PSD_PEAK").Definition.Name);
        Assert.Equal("psd_peak", MeasureCatalog.Get("peak_hz").Definition.Name); // former name
    }

    [Fact]
    public void A_spec_is_a_name_or_name_equals_target_and_only_target_or_descriptive_measures_take_a_target()
    {
        var (m, t) = MeasureCatalog.ParseSpec("psd_peak=10");
        Assert.Equal("psd_peak", m.Definition.Name);
        Assert.Equal(10.0, t);
        Assert.Equal((MeasureCatalog.Get("gs_std"), (double?)0.02), MeasureCatalog.ParseSpec(" gs_std = 0.02 "));
        Assert.Null(MeasureCatalog.ParseSpec("fcd_ks").Target);
        Assert.Contains("is minimise by definition", Assert.Throws<FwbmException>(() => MeasureCatalog.ParseSpec("fcd_ks=0.1")).Message);
        Assert.Contains("target 'ten' is not a number; expected psd_peak=<value in Hz>", Assert.Throws<FwbmException>(() => MeasureCatalog.ParseSpec("psd_peak=ten")).Message);
        Assert.Contains("the name is empty", Assert.Throws<FwbmException>(() => MeasureCatalog.ParseSpec("=3")).Message);
    }

    [Fact]
    public void Goal_ranking_follows_max_min_and_target_and_skips_nan()
    {
        double[] v = [0.2, 0.9, double.NaN, 0.5, -0.4];
        Assert.Equal(1, MeasureGoal.Maximise.BestIndex(v));
        Assert.Equal(4, MeasureGoal.Minimise.BestIndex(v));
        Assert.Equal(3, MeasureGoal.TargetValue(0.45).BestIndex(v));
        Assert.Equal(0, MeasureGoal.TargetValue(0.0).BestIndex(v)); // |0.2| < |−0.4|
        Assert.Equal(-1, MeasureGoal.Maximise.BestIndex([double.NaN]));
        Assert.Throws<FwbmException>(() => MeasureGoal.None.BestIndex(v));
        Assert.Throws<FwbmException>(() => MeasureGoal.TargetToBeGiven.BestIndex(v));
        Assert.Throws<FwbmException>(() => MeasureGoal.TargetValue(double.NaN));
    }

    [Fact]
    public void The_committed_docs_reference_equals_the_generated_one()
    {
        string path = Path.Combine(TestData.RepoRoot, "docs", "reference", "measures.md");
        string generated = MeasureReference.Markdown();
        if (Environment.GetEnvironmentVariable("FWBM_UPDATE_DOCS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, generated);
        }
        Assert.True(File.Exists(path), $"{path} is missing; run the test with FWBM_UPDATE_DOCS=1 to write it.");
        Assert.True(File.ReadAllText(path) == generated,
            "docs/reference/measures.md differs from the measure catalogue; regenerate it: FWBM_UPDATE_DOCS=1 dotnet test tests/Fwbm.Core.Tests --filter FullyQualifiedName~MeasureCatalogTests");
        foreach (var n in MeasureCatalog.Names) Assert.Contains($"## `{n}`", generated);
    }
}
