using Fwbm.Core;
using Fwbm.Core.Options;
using Xunit;

namespace Fwbm.Core.Tests.Options;

public class OptionCatalogTests
{
    public static TheoryData<string, string> Options()
    {
        var d = new TheoryData<string, string>();
        foreach (var c in OptionCatalog.All) foreach (var o in c.Options) d.Add(c.Command, o.Name);
        return d;
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void Every_example_parses_every_bad_example_is_refused_naming_the_option_and_defaults_parse(string command, string option)
    {
        var o = OptionCatalog.Get(command)[option];
        foreach (var e in o.Examples) Assert.NotNull(OptionGrammar.Parse(o, e));
        foreach (var bad in o.BadExamples)
        {
            var ex = Assert.Throws<FwbmException>(() => OptionGrammar.Parse(o, bad));
            Assert.StartsWith(o.Flag, ex.Message);
            Assert.DoesNotContain('\n', ex.Message);
        }
        if (o.Default is not null) OptionGrammar.Parse(o, o.Default);
        if (o.Kind is ValueKind.Choice) Assert.NotEmpty(o.Choices!());
        Assert.False(o.Required && o.Default is not null, $"{o.Flag} is required and has a default");
    }

    [Fact]
    public void Commands_declare_each_option_once_and_choices_come_with_a_near_miss_suggestion()
    {
        foreach (var c in OptionCatalog.All)
            Assert.Equal(c.Options.Count, c.Options.Select(o => o.Name).Distinct().Count());
        // the shared Suggest: one edit (here a swap of neighbours) per four characters is near; "rk4" is near nothing
        var e = Assert.Throws<FwbmException>(() => OptionGrammar.Parse(OptionCatalog.Simulate["integrator"], "huen"));
        Assert.EndsWith("allowed values: heun, euler; did you mean heun?", e.Message);
        Assert.EndsWith("allowed values: heun, euler.", Assert.Throws<FwbmException>(() => OptionGrammar.Parse(OptionCatalog.Simulate["integrator"], "rk4")).Message);
    }

    [Fact]
    public void Values_use_declared_defaults_and_join_repeated_options()
    {
        var v = new OptionValues(OptionCatalog.Simulate, new Dictionary<string, IReadOnlyList<string>>
        {
            ["connectome"] = ["hcp"], ["param"] = ["a=-0.02", "omega=0.3"], ["dt"] = ["0.1"],
        });
        Assert.Equal(60_000, v.DurationMs("duration"));
        Assert.Equal(720, v.DurationMs("tr")!.Value, 12);
        Assert.Equal(0.1, v.DurationMs("dt"));
        Assert.Equal("hopf", v.Text("model"));
        Assert.Equal(new[] { "a", "omega" }, v.Assignments("param").Select(a => a.Name));
        Assert.False(v.Flag("force"));
        Assert.Null(v.Number("velocity"));
        var missing = new OptionValues(OptionCatalog.Simulate, new Dictionary<string, IReadOnlyList<string>>());
        Assert.StartsWith("--connectome is required", Assert.Throws<FwbmException>(() => missing.Text("connectome")).Message);
        Assert.Contains("; did you mean --duration?", Assert.Throws<FwbmException>(() =>
            new OptionValues(OptionCatalog.Simulate, new Dictionary<string, IReadOnlyList<string>> { ["duraton"] = ["1"] })).Message);
    }
}
