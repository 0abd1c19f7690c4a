using System.Text.Json;
using Microsoft.DotNet.Interactive.Events;
using Xunit;

namespace Fwbm.Interactive.Tests;

/// <summary>The tutorial's self-check cells (read from tutorials/01-coupling-and-fc-exercise.ipynb) run against wrong student answers.</summary>
public sealed class SelfCheckTests : KernelTest
{
    /// <summary>The source of the tutorial's code cell that starts with <paramref name="firstLine"/>.</summary>
    private static string TutorialCell(string firstLine)
    {
        using var nb = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestData.RepoRoot, "tutorials", "01-coupling-and-fc-exercise.ipynb")));
        foreach (var c in nb.RootElement.GetProperty("cells").EnumerateArray())
        {
            string src = string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString()));
            if (c.GetProperty("cell_type").GetString() == "code" && src.StartsWith(firstLine, StringComparison.Ordinal)) return src;
        }
        throw new InvalidOperationException($"no tutorial cell starts with '{firstLine}'");
    }

    private const string Setup = """
        using Fwbm.Core.Connectivity;
        using Fwbm.Interactive;
        int regions = 16;
        var centres = Enumerable.Range(0, regions).Select(i => new Point3(50 * Math.Cos(2 * Math.PI * i / regions), 50 * Math.Sin(2 * Math.PI * i / regions), 0)).ToArray();
        """;

    [Fact]
    public async Task A_wrong_weight_count_is_reported_with_the_count_the_student_returned_in_one_line()
    {
        AssertSucceeded(await Submit(Setup));
        AssertSucceeded(await Submit("double[] DistanceRuleWeights(Point3[] c, double l) => Enumerable.Repeat(0.5, 255).ToArray();"));
        var message = FailureMessage(await Submit(TutorialCell("// ✔ Self-check 1")));
        Assert.StartsWith("Exercise 1: ", message);
        Assert.Contains("✘ size: expected 16×16 = 256 weights, got 255.", message);
        Assert.DoesNotContain("got 0", message);
        Assert.DoesNotContain("   at ", message); // no stack trace
        Assert.DoesNotContain(".cs:line", message);
        Assert.DoesNotContain("SelfCheckFailedException", message);
    }

    [Fact]
    public async Task A_wrong_correlation_is_reported_with_the_value_the_student_returned()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        AssertSucceeded(await Submit("#!fwbm-simulate --connectome conn --coupling 0 --duration 20s --transient 1s --tr 1 --show none --name simWeak"));
        AssertSucceeded(await Submit("#!fwbm-simulate --connectome conn --coupling 0.8 --duration 20s --transient 1s --tr 1 --show none --name simStrong"));
        AssertSucceeded(await Submit("using Fwbm.Interactive; int regions = 8; double UpperTriangleCorrelation(double[] a, double[] b, int n) => 0.5;"));
        var message = FailureMessage(await Submit(TutorialCell("// ✔ Self-check 3")));
        Assert.StartsWith("Exercise 3: 2 of 2 checks failed:\n", message);
        Assert.Contains("  ✘ matches FWBM: got 0.500000; FWBM's FcMatrix.SimilarityTo gives ", message);
        Assert.Contains("  ✘ self-similarity is 1: a matrix compared with itself must give exactly 1.", message);
        Assert.DoesNotContain("NaN", message);
        Assert.DoesNotContain("   at ", message);
        Assert.Equal(3, message.Split('\n').Length); // a header and one line per failed check
    }

    [Fact]
    public async Task Equal_couplings_are_reported_with_the_values_chosen()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        AssertSucceeded(await Submit("#!fwbm-simulate --connectome conn --coupling 0 --duration 20s --transient 1s --tr 1 --show none --name simWeak"));
        AssertSucceeded(await Submit("#!fwbm-simulate --connectome conn --coupling 0 --duration 20s --transient 1s --tr 1 --show none --name simStrong"));
        AssertSucceeded(await Submit("using Fwbm.Interactive; var (weak, strong) = (0.0, 0.0);"));
        var message = FailureMessage(await Submit(TutorialCell("// ✔ Self-check 2")));
        Assert.StartsWith("Exercise 2: 2 of 2 checks failed:\n", message);
        Assert.Contains("  ✘ strong > weak: the strong coupling (0) must be larger than the weak one (0).", message);
        Assert.Contains("  ✘ coupling raises FC: mean FC went from ", message);
        Assert.DoesNotContain("   at ", message);
    }

    [Fact]
    public async Task A_lazy_message_is_built_after_the_check_and_only_when_it_fails()
    {
        AssertSucceeded(await Submit("using Fwbm.Interactive; int built = 0; int x = 0;"));
        var r = await Submit("""
            var c = SelfCheck.For("E").That(() => (x = 3) == 3, "passes", () => { built++; return "never shown"; })
                .That(() => (x = 4) == 5, "fails", () => { built++; return $"x is {x}"; });
            $"{built} {c.Checks[1].Problem} {c.Passed}"
            """);
        AssertSucceeded(r);
        Assert.Equal("1 x is 4 False", r.Events.OfType<ReturnValueProduced>().Single().Value);
        AssertSucceeded(await Submit("SelfCheck.For(\"E\").That(true, \"ok\", () => \"unused\").Verify()"));
    }
}
