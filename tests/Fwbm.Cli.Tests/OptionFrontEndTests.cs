using Fwbm.Core;
using Fwbm.Core.Options;
using Fwbm.Interactive;
using Fwbm.Interactive.Magics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary>
/// The acceptance test of the one grammar: every option of the catalogue, with each of its declared examples, parses to the same
/// typed value through the CLI (System.CommandLine + Core) and through the magic (the kernel's directive parser + MagicArguments),
/// and every bad example fails in both with an error naming the option.
/// </summary>
public sealed class OptionFrontEndTests : IDisposable
{
    private readonly CompositeKernel _kernel;

    public OptionFrontEndTests()
    {
        var cs = new CSharpKernel().UseValueSharing();
        _kernel = new CompositeKernel { cs };
        _kernel.DefaultKernelName = cs.Name;
        foreach (var magic in MagicRegistry.All) FwbmExtension.AddMagic(_kernel, new Probe(magic));
    }

    public void Dispose() => _kernel.Dispose();

    public static TheoryData<string, string> Options()
    {
        var d = new TheoryData<string, string>();
        foreach (var c in OptionCatalog.All) foreach (var o in c.Options) d.Add(c.Command, o.Name);
        return d;
    }

    [Theory]
    [MemberData(nameof(Options))]
    public async Task Both_front_ends_give_each_example_the_same_typed_value_and_refuse_each_bad_one(string command, string option)
    {
        var c = OptionCatalog.Get(command);
        var spec = c[option];
        bool cli = spec.FrontEnds.HasFlag(FrontEnd.Cli), magic = spec.FrontEnds.HasFlag(FrontEnd.Magic);
        Assert.True(cli && c.For(FrontEnd.Cli).Contains(spec) || magic && MagicRegistry.All.Any(m => m.Name == "#!fwbm-" + command), $"{spec.Flag} is offered by no front end");
        var examples = spec.Kind == ValueKind.Flag ? [""] : spec.Examples;
        foreach (var e in examples)
        {
            string core = OptionGrammar.Describe(OptionGrammar.Parse(spec, e));
            if (cli) Assert.Equal(core, OptionGrammar.Describe(ViaCli(c, spec, e)));
            if (magic) Assert.Equal(core, OptionGrammar.Describe(await ViaMagic(command, spec, e)));
        }
        foreach (var bad in spec.BadExamples)
        {
            if (cli) Assert.StartsWith(spec.Flag, Assert.Throws<FwbmException>(() => ViaCli(c, spec, bad)).Message);
            if (magic)
            {
                var message = await MagicFailure(command, spec, bad);
                Assert.StartsWith($"#!fwbm-{command}-probe: {spec.Flag}", message);
            }
        }
    }

    /// <summary>
    /// Pairs of commands that are one operation on the two front ends: each command with itself, and #!fwbm-sweep with
    /// <c>fwbm simulate --sweep</c>. An option is shared by a pair when both declare it with the same description (the sweep's
    /// simulation options are the simulate options, copied).
    /// </summary>
    public static TheoryData<string, string, string> SharedOptions()
    {
        var d = new TheoryData<string, string, string>();
        var pairs = OptionCatalog.All.Select(c => (c.Command, c.Command)).Append(("simulate", "sweep"));
        foreach (var (a, b) in pairs)
            foreach (var o in OptionCatalog.Get(a).Options)
                if (OptionCatalog.Get(b).Find(o.Name) is { } other && other.Description == o.Description && other.Kind == o.Kind && o.Kind != ValueKind.Flag)
                    d.Add(a, b, o.Name);
        return d;
    }

    /// <summary>
    /// Issue 17 (#!fwbm-sweep --show none was refused while simulate took it): every value that one front end accepts for a shared
    /// option — its examples and, for choices, every choice, of either command — is accepted by every front end of both commands,
    /// with the same typed value.
    /// </summary>
    [Theory]
    [MemberData(nameof(SharedOptions))]
    public async Task A_value_one_front_end_accepts_for_a_shared_option_every_front_end_accepts(string commandA, string commandB, string option)
    {
        var sides = new[] { OptionCatalog.Get(commandA), OptionCatalog.Get(commandB) }.Distinct().Select(c => (Command: c, Spec: c[option])).ToArray();
        var values = sides.SelectMany(s => s.Spec.Examples.Concat(s.Spec.Choices?.Invoke() ?? [])).Distinct(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(values);
        foreach (var v in values)
        {
            string? expected = null;
            foreach (var (c, spec) in sides)
            {
                var parsed = new List<string>();
                if (spec.FrontEnds.HasFlag(FrontEnd.Cli)) parsed.Add(OptionGrammar.Describe(ViaCli(c, spec, v)));
                if (spec.FrontEnds.HasFlag(FrontEnd.Magic) && MagicRegistry.All.Any(m => m.Name == "#!fwbm-" + c.Command))
                    parsed.Add(OptionGrammar.Describe(await ViaMagic(c.Command, spec, v)));
                foreach (var p in parsed) Assert.Equal(expected ??= p, p);
            }
            Assert.NotNull(expected);
        }
    }

    [Fact]
    public void Cli_help_lists_every_catalogue_option_with_its_description()
    {
        foreach (var c in OptionCatalog.All.Where(c => c.For(FrontEnd.Cli).Any()))
        {
            var (code, stdout, _) = ModelsCommandTests.Run([.. c.Command.Split(' '), "--help"]);
            Assert.Equal(0, code);
            foreach (var o in c.For(FrontEnd.Cli))
            {
                Assert.True(stdout.Contains(o.Flag + " ") || stdout.Contains(o.Flag + ","), $"fwbm {c.Command} --help does not list {o.Flag}");
                Assert.True(stdout.Contains(o.Description.Split(' ')[0]), $"fwbm {c.Command} --help does not describe {o.Flag}");
            }
        }
    }

    [Fact]
    public void Magic_parameters_are_the_catalogue_options_of_the_magic_front_end()
    {
        foreach (var m in MagicRegistry.All)
        {
            var c = OptionCatalog.Get(m.Name["#!fwbm-".Length..]);
            Assert.Equal(c.For(FrontEnd.Magic).Select(o => o.Name), m.Parameters.Select(p => p.Name));
            Assert.All(m.Parameters, p => Assert.Same(c[p.Name], p.Spec));
        }
    }

    public static TheoryData<string, string, string> LongAliases()
    {
        var d = new TheoryData<string, string, string>();
        foreach (var c in OptionCatalog.All) foreach (var o in c.Options) foreach (var a in o.Aliases.Where(a => a.StartsWith("--", StringComparison.Ordinal))) d.Add(c.Command, o.Name, a);
        return d;
    }

    [Theory]
    [MemberData(nameof(LongAliases))]
    public async Task A_long_alias_gives_the_same_value_as_the_option_in_both_front_ends(string command, string option, string alias)
    {
        var c = OptionCatalog.Get(command);
        var spec = c[option];
        var aliased = spec with { Name = alias[2..] };   // the line is written with the alias; the value must reach the option
        foreach (var e in spec.Examples)
        {
            string core = OptionGrammar.Describe(OptionGrammar.Parse(spec, e));
            if (spec.FrontEnds.HasFlag(FrontEnd.Cli))
            {
                var options = new CliOptions(c);
                var pr = options.CreateCommand().Parse([alias, e]);
                Assert.DoesNotContain(pr.Errors, x => x.Message.Contains(alias) || x.Message.Contains(e)); // (required options are absent)
                Assert.Equal(core, OptionGrammar.Describe(options.Read(pr).Value(spec.Name)));
            }
            if (spec.FrontEnds.HasFlag(FrontEnd.Magic))
            {
                Probe.Seen = null;
                var result = await _kernel.SendAsync(new SubmitCode(MagicLine(command, aliased, e)));
                Assert.Null(result.Events.OfType<CommandFailed>().FirstOrDefault()?.Message);
                Assert.Equal(core, OptionGrammar.Describe(Probe.Seen![spec.Name]));
            }
        }
    }

    /// <summary>System.CommandLine parses the command line; Core converts the text.</summary>
    private static object? ViaCli(CommandOptions c, OptionSpec spec, string value)
    {
        var options = new CliOptions(c);
        var cmd = options.CreateCommand();
        string[] args = spec.Kind == ValueKind.Flag ? [spec.Flag] : [spec.Flag, value];
        var pr = cmd.Parse(args);
        Assert.DoesNotContain(pr.Errors, e => e.Message.Contains(spec.Flag) || e.Message.Contains(value) && value.Length > 0);
        return options.Read(pr).Value(spec.Name);
    }

    private static string MagicLine(string command, OptionSpec spec, string value) =>
        $"#!fwbm-{command}-probe {spec.Flag}" + (spec.Kind == ValueKind.Flag ? "" : " " + (value.Any(ch => char.IsWhiteSpace(ch) || ch is ',' or '(' or ';' or '"') ? $"\"{value}\"" : value));

    /// <summary>The kernel's directive parser reads the magic line; MagicArguments converts the value with Core.</summary>
    private async Task<object?> ViaMagic(string command, OptionSpec spec, string value)
    {
        Probe.Seen = null;
        var result = await _kernel.SendAsync(new SubmitCode(MagicLine(command, spec, value)));
        var failed = result.Events.OfType<CommandFailed>().FirstOrDefault();
        Assert.True(failed is null, $"{MagicLine(command, spec, value)}: {failed?.Message}");
        Assert.NotNull(Probe.Seen);
        return Probe.Seen!.TryGetValue(spec.Name, out var v) ? v : throw new Xunit.Sdk.XunitException($"{spec.Flag} did not reach the magic");
    }

    private async Task<string> MagicFailure(string command, OptionSpec spec, string value)
    {
        var result = await _kernel.SendAsync(new SubmitCode(MagicLine(command, spec, value)));
        var failed = result.Events.OfType<CommandFailed>().FirstOrDefault();
        Assert.True(failed is not null, $"{MagicLine(command, spec, value)} was accepted");
        return failed!.Message;
    }

    /// <summary>A magic with the parameters of a real one whose handler records each given parameter's typed value.</summary>
    private sealed class Probe(FwbmMagic real) : FwbmMagic
    {
        public static Dictionary<string, object?>? Seen;
        public override string Name => real.Name + "-probe";
        public override string Description => real.Description;
        public override IReadOnlyList<MagicParameter> Parameters => real.Parameters;

        public override Task RunAsync(MagicArguments args, MagicContext context)
        {
            var seen = new Dictionary<string, object?>();
            foreach (var p in Parameters)
                if (args.Has(p.Name)) seen[p.Name] = args.Value(p.Name);
            Seen = seen;
            return Task.CompletedTask;
        }
    }
}
