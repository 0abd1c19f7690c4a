using Microsoft.DotNet.Interactive.Formatting;
using Xunit;

namespace Fwbm.Interactive.Tests;

public sealed class DataFrameFormatterTests : KernelTest
{
    private const string Frame = """
        using Microsoft.Data.Analysis;
        var df = new DataFrame(new DoubleDataFrameColumn("coupling", Enumerable.Range(0, 100).Select(i => i * 0.01)),
            new Int32DataFrameColumn("seed", Enumerable.Range(0, 100)), new StringDataFrameColumn("note", Enumerable.Range(0, 100).Select(i => $"run{i}")));
        """;

    [Fact]
    public async Task A_big_DataFrame_shows_as_an_html_table_with_column_types_head_and_tail()
    {
        AssertSucceeded(await Submit(Frame));
        var r = await Submit("df");
        AssertSucceeded(r);
        var html = string.Concat(Formatted(r, "text/html").Select(f => f.Value));
        Assert.Contains("100 rows × 3 columns (DataFrame)", html);
        Assert.Contains("<th>coupling</th><th>seed</th><th>note</th>", html);
        Assert.Contains(">double</th>", html);
        Assert.Contains(">int</th>", html);
        Assert.Contains(">string</th>", html);
        Assert.Contains("<td>run0</td>", html);          // head
        Assert.Contains("<td>run99</td>", html);         // tail
        Assert.DoesNotContain("<td>run50</td>", html);
        Assert.Contains("… 80 more rows …", html);
        Assert.Equal(20, System.Text.RegularExpressions.Regex.Matches(html, "<tr><th style").Count);
        Assert.DoesNotContain("<details", html);          // not the generic tree dump, not collapsed
        var plain = string.Concat(Formatted(r, "text/plain").Select(f => f.Value));
        Assert.StartsWith("DataFrame: 100 rows × 3 columns", plain);
        Assert.Contains("run99", plain);
        Assert.Contains("double", plain);
    }

    [Fact]
    public async Task A_small_DataFrame_shows_every_row_and_the_registration_is_reset_with_the_others()
    {
        AssertSucceeded(await Submit(Frame));
        var html = string.Concat(Formatted(await Submit("df.Head(5)"), "text/html").Select(f => f.Value));
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Matches(html, "<tr><th style").Count);
        Assert.DoesNotContain("more rows", html);
        Formatter.ResetToDefault();
        var df = new Microsoft.Data.Analysis.DataFrame(new Microsoft.Data.Analysis.DoubleDataFrameColumn("x", [1.0]));
        Assert.DoesNotContain("(DataFrame)", df.ToDisplayString("text/html"));
    }
}
