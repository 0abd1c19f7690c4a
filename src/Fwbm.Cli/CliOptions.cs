using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Parsing;
using Fwbm.Core.Options;

namespace Fwbm.Cli;

/// <summary>
/// The System.CommandLine options of one command, made from its <see cref="CommandOptions"/> in the catalogue (names, aliases,
/// help text with unit, allowed values and default; completions). Values are read back as texts into a Core
/// <see cref="OptionValues"/>, which parses them with the same grammar as the magics.
/// </summary>
internal sealed class CliOptions
{
    private readonly List<(OptionSpec Spec, Option Option)> _options = [];

    /// <param name="recursive">The options also apply to the command's subcommands (e.g. <c>fwbm data list --offline</c>).</param>
    public CliOptions(CommandOptions command, bool recursive = false)
    {
        Command = command;
        foreach (var spec in command.For(FrontEnd.Cli))
        {
            var option = Create(spec);
            option.Recursive = recursive;
            _options.Add((spec, option));
        }
    }

    public CommandOptions Command { get; }

    /// <summary>The System.CommandLine option of <paramref name="name"/>.</summary>
    public Option this[string name] => _options.First(o => o.Spec.Name == Command[name].Name).Option;

    /// <summary>A command with every option of the catalogue's CLI front end.</summary>
    public Command CreateCommand()
    {
        // a subcommand ("data list") is named by its last word
        var cmd = new Command(Command.Command.Split(' ')[^1], Command.Description);
        foreach (var (_, o) in _options) cmd.Options.Add(o);
        return cmd;
    }

    private static Option Create(OptionSpec spec)
    {
        string[] aliases = [.. spec.Aliases];
        Option option = spec.Kind == ValueKind.Flag ? new Option<bool>(spec.Flag, aliases)
            : spec.Repeatable ? new Option<string[]>(spec.Flag, aliases) { Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false }
            : new Option<string>(spec.Flag, aliases);
        option.Description = spec.HelpText();
        option.HelpName = spec.Kind switch
        {
            ValueKind.Duration => "duration",
            ValueKind.Number => "number",
            ValueKind.Integer or ValueKind.Seed => "integer",
            ValueKind.Assignments => "name=value",
            ValueKind.Axis => "name=range",
            ValueKind.Range => "range",
            ValueKind.Interval => "low:high",
            ValueKind.Bounds => "name=min:max",
            ValueKind.Names when spec.Choices is null => "names",
            ValueKind.Measures => "measures",
            _ => option.HelpName,
        };
        option.Required = spec.Required;
        if (spec.Choices is { } choices) option.CompletionSources.Add(_ => choices().Select(c => new CompletionItem(c)));
        return option;
    }

    /// <summary>The texts given on the command line (absent options are left to the catalogue's defaults).</summary>
    public OptionValues Read(ParseResult pr)
    {
        var given = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (spec, option) in _options)
        {
            if (pr.GetResult(option) is not { Implicit: false }) continue;
            given[spec.Name] = option switch
            {
                Option<bool> b => pr.GetValue(b) ? ["true"] : ["false"],
                Option<string[]> many => pr.GetValue(many) ?? [],
                Option<string> one => pr.GetValue(one) is { } v ? [v] : [],
                _ => [],
            };
        }
        // the options in the order typed (the surgery edits apply in that order)
        var order = pr.Tokens.Where(t => t.Type == TokenType.Option)
            .Select(t => _options.FirstOrDefault(o => o.Option.Name == t.Value || o.Option.Aliases.Contains(t.Value)).Spec?.Name)
            .Where(n => n is not null).Select(n => n!).ToArray();
        return new OptionValues(Command, given) { Order = order };
    }
}
