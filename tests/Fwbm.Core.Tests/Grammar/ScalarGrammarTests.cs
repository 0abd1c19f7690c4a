using Fwbm.Core;
using Fwbm.Core.Grammar;
using Xunit;

namespace Fwbm.Core.Tests.Grammar;

public class ScalarGrammarTests
{
    [Theory]
    [InlineData("600s", TimeUnit.Seconds, 600_000)]
    [InlineData("10min", TimeUnit.Seconds, 600_000)]
    [InlineData("500ms", TimeUnit.Seconds, 500)]
    [InlineData("0.1ms", TimeUnit.Seconds, 0.1)]
    [InlineData("90", TimeUnit.Seconds, 90_000)]
    [InlineData("0.1", TimeUnit.Milliseconds, 0.1)]
    [InlineData("100us", TimeUnit.Milliseconds, 0.1)]
    [InlineData("1h", TimeUnit.Seconds, 3_600_000)]
    [InlineData(" 2 min ", TimeUnit.Seconds, 120_000)]
    [InlineData("2.5S", TimeUnit.Milliseconds, 2500)]
    public void Durations_carry_their_unit_and_a_plain_number_is_the_options_unit(string text, TimeUnit plain, double ms) =>
        Assert.Equal(ms, DurationText.Milliseconds(text, "--duration", plain), 12);

    [Theory]
    [InlineData("3weeks")]
    [InlineData("-5s")]
    [InlineData("s")]
    [InlineData("1e400")]
    [InlineData("10 minutes")]
    public void Bad_durations_name_the_option_and_show_examples(string text)
    {
        var e = Assert.Throws<FwbmException>(() => DurationText.Milliseconds(text, "--duration", TimeUnit.Seconds));
        Assert.StartsWith($"--duration '{text.Trim()}' is not a duration; expected e.g. 600s", e.Message);
        Assert.Contains("a plain number is seconds", e.Message);
    }

    [Fact]
    public void Seeds_are_non_negative_whole_numbers()
    {
        Assert.Equal(ulong.MaxValue, NumberText.Seed("18446744073709551615", "--seed"));
        foreach (var bad in new[] { "-1", "1.5", "+3", "x", "18446744073709551616" })
            Assert.StartsWith($"--seed '{bad}' is not a seed", Assert.Throws<FwbmException>(() => NumberText.Seed(bad, "--seed")).Message);
    }

    [Fact]
    public void Numbers_are_invariant_and_finite()
    {
        Assert.Equal(-0.02, NumberText.Number("-0.02", "--x"));
        Assert.Equal(1e-3, NumberText.Number("1e-3", "--x"));
        Assert.Contains("--x '0,5' is not a number; expected e.g. --x 0.5", Assert.Throws<FwbmException>(() => NumberText.Number("0,5", "--x")).Message);
        Assert.Throws<FwbmException>(() => NumberText.Number("NaN", "--x"));
        Assert.Throws<FwbmException>(() => NumberText.Number("Infinity", "--x"));
    }

    [Fact]
    public void Choices_are_case_insensitive_canonical_and_suggest_the_nearest()
    {
        string[] models = ["hopf", "wilson_cowan", "jansen_rit"];
        Assert.Equal("wilson_cowan", ChoiceText.Choose("Wilson_Cowan", "--model", models));
        var e = Assert.Throws<FwbmException>(() => ChoiceText.Choose("jansen_ritt", "--model", models));
        Assert.Equal("--model 'jansen_ritt' is not allowed; allowed values: hopf, wilson_cowan, jansen_rit; did you mean jansen_rit?", e.Message);
        // far from everything: no suggestion
        Assert.DoesNotContain("did you mean", Assert.Throws<FwbmException>(() => ChoiceText.Choose("kuramoto", "--model", models)).Message);
        Assert.EndsWith("; did you mean wilson_cowan?", Assert.Throws<FwbmException>(() => ChoiceText.Choose("wilson", "--model", models)).Message);
        Assert.Equal("cuda:12", ChoiceText.Choose("CUDA:12", "--device", ["cpu", "cuda", "cuda:N"]));
        Assert.Throws<FwbmException>(() => ChoiceText.Choose("cuda:", "--device", ["cpu", "cuda", "cuda:N"]));
    }

    [Fact]
    public void Start_step_stop_includes_stop_when_the_step_lands_on_it()
    {
        var v = RangeText.Values("0:0.1:2", "--over");
        Assert.Equal(21, v.Length);
        Assert.Equal(0.0, v[0]);
        Assert.Equal(2.0, v[^1]);
        for (int k = 0; k < v.Length; k++) Assert.Equal(k / 10.0, v[k], 15);   // no accumulated rounding
        Assert.Equal(new[] { 0.0, 0.3, 0.6 }, RangeText.Values("0:0.3:0.7", "--over"));   // stop not reached exactly: left out
        Assert.Equal(new[] { 1.0, 0.5, 0.0 }, RangeText.Values("1:-0.5:0", "--over"));
        Assert.Equal(0.0, RangeText.Values("-0.1:0.1:0.2", "--over")[1]);   // lands on 0 exactly
        Assert.Equal(new[] { 2.0 }, RangeText.Values("2:1:2", "--over"));
    }

    [Fact]
    public void Lin_and_log_match_numpy_linspace_and_logspace()
    {
        var lin = RangeText.Values("lin(0,2,21)", "--over");
        Assert.Equal(21, lin.Length);
        for (int k = 0; k < 21; k++) Assert.Equal(0.1 * k, lin[k], 14);
        var log = RangeText.Values("LOG(1e-3,1,13)", "--over");
        Assert.Equal(13, log.Length);
        Assert.Equal(1e-3, log[0]);
        Assert.Equal(1.0, log[^1]);
        for (int k = 0; k < 13; k++) Assert.True(Math.Abs(log[k] - Math.Pow(10, -3 + 0.25 * k)) <= 1e-14 * Math.Pow(10, -3 + 0.25 * k), $"log[{k}] = {log[k]}");
        Assert.Equal(new[] { 0.1, 0.2, 0.4 }, RangeText.Values("0.1, 0.2,0.4", "--over"));
        Assert.Equal(new[] { 0.5 }, RangeText.Values("0.5", "--over"));
    }

    [Theory]
    [InlineData("0:1", "start:step:stop has three parts")]
    [InlineData("0:0:1", "the step is 0")]
    [InlineData("0:-0.1:1", "the step goes away from stop")]
    [InlineData("lin(0,1)", "lin( takes start, stop and count")]
    [InlineData("lin(0,1,0)", "the count '0' must be a whole number from 1 to 100000")]
    [InlineData("log(0,1,5)", "log( needs positive start and stop")]
    [InlineData("lin(0,1,5", "missing ')'")]
    [InlineData("0.1,x", "'x' is not a number")]
    [InlineData("0:1e-9:1", "more than 100000")]
    public void Bad_ranges_say_why_and_show_every_form(string text, string why)
    {
        var e = Assert.Throws<FwbmException>(() => RangeText.Values(text, "--over"));
        Assert.StartsWith($"--over '{text}' is not a range", e.Message);
        Assert.Contains(why, e.Message);
        Assert.EndsWith("expected start:step:stop (e.g. 0:0.1:2), lin(0,2,21), log(1e-3,1,13) or a list 0.1,0.2,0.4.", e.Message);
    }

    [Fact]
    public void Axes_are_name_equals_range()
    {
        var a = RangeText.Axis("G=lin(0,1,3)", "--sweep");
        Assert.Equal("G", a.Name);
        Assert.Equal(new[] { 0.0, 0.5, 1.0 }, a.Values);
        Assert.StartsWith("--sweep 'coupling' is not name=range", Assert.Throws<FwbmException>(() => RangeText.Axis("coupling", "--sweep")).Message);
    }

    [Fact]
    public void Assignments_split_names_and_keep_per_region_vectors_together()
    {
        var a = AssignmentText.Parse("a=-0.02,omega=0.3", "--param");
        Assert.Equal(new[] { new Assignment("a", [-0.02]), new Assignment("omega", [0.3]) }, a);
        var v = AssignmentText.Parse("a=0.1,0.2,0.3;sigma=0.05", "--param");
        Assert.Equal(new[] { new Assignment("a", [0.1, 0.2, 0.3]), new Assignment("sigma", [0.05]) }, v);
        Assert.Equal(new[] { new Assignment("a", [1.0]), new Assignment("b", [2.0]) }, AssignmentText.Parse("a=1 b=2", "--param"));
        Assert.StartsWith("--param 'omega' is not name=value", Assert.Throws<FwbmException>(() => AssignmentText.Parse("omega", "--param")).Message);
        Assert.Contains("'fast' is not a number", Assert.Throws<FwbmException>(() => AssignmentText.Parse("a=fast", "--param")).Message);
    }

    [Fact]
    public void Bounds_and_intervals()
    {
        Assert.Equal(("a", -0.2, 0.05), Assert.Single(AssignmentText.Bounds("a=-0.2:0.05", "--bounds")));
        Assert.StartsWith("--bounds 'a=1' is not name=min:max", Assert.Throws<FwbmException>(() => AssignmentText.Bounds("a=1", "--bounds")).Message);
        Assert.Equal((2.0, 40.0), RangeText.Interval("2:40", "--peak-band"));
        Assert.StartsWith("--peak-band '40:2' is not low:high", Assert.Throws<FwbmException>(() => RangeText.Interval("40:2", "--peak-band")).Message);
    }
}
