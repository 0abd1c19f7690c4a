using Fwbm.Core.Data;
using Fwbm.Core.Data.Formats;
using Xunit;

namespace Fwbm.Core.Tests.Data;

/// <summary>RFC 4180 quoted fields, and errors that point at decimal commas / semicolon separators.</summary>
public class CsvQuotingTests
{
    [Fact]
    public void A_quoted_label_with_the_delimiter_is_one_field()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("q.csv"), "\"L, x\",0,1,2\n\"R \"\"y\"\"\",1,0,1\nplain,2,1,0\n");
        var m = DelimitedText.ReadMatrix(dir.File("q.csv"));
        Assert.Equal(3, m.Rows);
        Assert.Equal(3, m.Columns);
        Assert.Equal(["L, x", "R \"y\"", "plain"], m.RowLabels);
        Assert.Equal([0.0, 1, 2, 1, 0, 1, 2, 1, 0], m.Data);
    }

    [Fact]
    public void A_quoted_header_with_the_delimiter_names_the_columns()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("h.csv"), ",\"A, left\",\"B\"\n\"A, left\",0,1\nB,1,0\n");
        var m = DelimitedText.ReadMatrix(dir.File("h.csv"));
        Assert.Equal(["A, left", "B"], m.ColumnLabels);
        Assert.Equal(["A, left", "B"], m.RowLabels);
        Assert.Equal([0.0, 1, 1, 0], m.Data);
    }

    [Fact]
    public void Quoted_labels_in_a_connectome_csv_load()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("w.csv"), "\"L, x\",0,1,2\n\"L, y\",1,0,1\n\"R, z\",2,1,0\n");
        var c = Datasets.LoadConnectome(dir.File("w.csv"));
        Assert.Equal(["L, x", "L, y", "R, z"], c.Labels);
    }

    [Fact]
    public void Semicolon_separated_decimal_comma_files_get_a_hint()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("eu.csv"), "0,5;0;1\n0;0,5;1\n1;1;0,5\n");
        var e = Assert.Throws<DataFormatException>(() => DelimitedText.ReadMatrix(dir.File("eu.csv"), new DelimitedOptions { HasHeader = false, HasLabelColumn = false }));
        Assert.Contains("eu.csv", e.Message);
        Assert.Contains("'5;0;1' is not a number", e.Message);
        Assert.Contains("';' between columns", e.Message);
        Assert.Contains("decimal", e.Message);

        var e2 = Assert.Throws<DataFormatException>(() => DelimitedText.ReadMatrix(dir.File("eu.csv"), new DelimitedOptions { Delimiter = ';', HasHeader = false, HasLabelColumn = false }));
        Assert.Contains("'0,5' is not a number", e2.Message);
        Assert.Contains("decimal comma", e2.Message);

        File.WriteAllText(dir.File("x.csv"), "1,2\n3,x7\n");
        var plain = Assert.Throws<DataFormatException>(() => DelimitedText.ReadMatrix(dir.File("x.csv"), new DelimitedOptions { HasHeader = false, HasLabelColumn = false }));
        Assert.EndsWith("'x7' is not a number.", plain.Message); // no hint where none applies
    }

    [Fact]
    public void Unknown_id_hints_depend_on_the_caller()
    {
        var info = Assert.Throws<FwbmException>(() => Datasets.Info("hcpp"));
        Assert.Contains("did you mean hcp", info.Message);
        Assert.DoesNotContain("path", info.Message);
        var load = Assert.Throws<FwbmException>(() => Datasets.LoadConnectome("hcpp", new ConnectomeOptions { Store = TestData.Shared }));
        Assert.Contains("did you mean hcp", load.Message);
        Assert.Contains("or give a path to a file or folder", load.Message);
    }
}
