using System.CommandLine;
using System.Text.RegularExpressions;
using Fwbm.Cli.Commands;
using Fwbm.Interactive.Magics;
using Fwbm.TestSupport;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary>
/// Issue 17: the README and the docs name only what exists. Every <c>#!fwbm-…</c> magic they name is in <see cref="MagicRegistry"/>
/// and every <c>fwbm …</c> command (and subcommand) they show in code is in the command tree (<see cref="CommandCatalog"/>) — read
/// from the registries, so magics and commands added later are known without editing this test. A section whose heading says
/// "planned" may name what does not exist yet.
/// </summary>
public sealed partial class DocumentedNamesTests
{
    private static readonly string Root = TestData.RepoRoot;

    private static IEnumerable<string> Documents() =>
        new[] { Path.Combine(Root, "README.md"), Path.Combine(Root, "binder", "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories)).Order(StringComparer.Ordinal);

    /// <summary>The text of a document outside its "planned" sections (a heading containing "planned" up to the next heading of the same or a higher level).</summary>
    internal static string WithoutPlannedSections(string markdown)
    {
        var kept = new List<string>();
        int skipLevel = 0;
        bool fenced = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) fenced = !fenced;
            var heading = fenced ? null : HeadingRegex().Match(line) is { Success: true } h ? h : null;
            if (heading is not null)
            {
                int level = heading.Groups[1].Length;
                if (skipLevel > 0 && level <= skipLevel) skipLevel = 0;
                if (skipLevel == 0 && heading.Groups[2].Value.Contains("planned", StringComparison.OrdinalIgnoreCase)) skipLevel = level;
            }
            if (skipLevel == 0) kept.Add(line);
        }
        return string.Join('\n', kept);
    }

    /// <summary>The code of a document: fenced blocks and inline code spans.</summary>
    internal static IEnumerable<string> Code(string markdown)
    {
        foreach (Match m in FenceRegex().Matches(markdown)) yield return m.Groups[1].Value;
        foreach (Match m in InlineCodeRegex().Matches(FenceRegex().Replace(markdown, ""))) yield return m.Groups[1].Value;
    }

    internal static IEnumerable<string> Magics(string text) => MagicRegex().Matches(text).Select(m => m.Value);

    /// <summary>"fwbm word [word]" command lines in code (a second bare word counts only for commands that have subcommands).</summary>
    internal static IEnumerable<string[]> Commands(string code) =>
        CommandRegex().Matches(code).Select(m => m.Groups[2].Success ? new[] { m.Groups[1].Value, m.Groups[2].Value } : [m.Groups[1].Value]);

    private static Dictionary<string, Command> Tree() => CommandCatalog.Create().ToDictionary(c => c.Name, StringComparer.Ordinal);

    [Fact]
    public void Every_magic_and_command_named_in_the_README_and_the_docs_exists()
    {
        var magics = MagicRegistry.All.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var tree = Tree();
        var problems = new List<string>();
        int named = 0;
        foreach (var file in Documents())
        {
            var rel = Path.GetRelativePath(Root, file);
            var text = WithoutPlannedSections(File.ReadAllText(file));
            foreach (var m in Magics(text))
            {
                named++;
                if (!magics.Contains(m)) problems.Add($"{rel}: {m} is not a registered magic ({string.Join(", ", magics.Order())})");
            }
            foreach (var code in Code(text))
                foreach (var words in Commands(code))
                {
                    named++;
                    if (!tree.TryGetValue(words[0], out var cmd)) { problems.Add($"{rel}: `fwbm {words[0]}` is not a command ({string.Join(", ", tree.Keys.Order())})"); continue; }
                    if (words.Length > 1 && cmd.Subcommands.Count > 0 && cmd.Subcommands.All(s => s.Name != words[1]))
                        problems.Add($"{rel}: `fwbm {words[0]} {words[1]}` is not a subcommand ({string.Join(", ", cmd.Subcommands.Select(s => s.Name))})");
                }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
        Assert.True(named > 50, $"only {named} names found: the extraction is broken");
    }

    [Fact]
    public void Every_registered_magic_and_command_is_named_somewhere_in_the_docs()
    {
        // the reverse direction, which also shows the extraction above sees real names (docs/reference is generated from the catalogue)
        var all = string.Join('\n', Documents().Select(File.ReadAllText));
        var code = Code(all).ToArray();
        var magics = Magics(all).ToHashSet(StringComparer.Ordinal);
        var commands = code.SelectMany(Commands).Select(w => w[0]).ToHashSet(StringComparer.Ordinal);
        Assert.All(MagicRegistry.All, m => Assert.Contains(m.Name, magics));
        Assert.All(Tree().Keys, c => Assert.Contains(c, commands));
    }

    [Fact]
    public void The_checks_catch_an_unknown_magic_or_command_and_spare_a_planned_section()
    {
        const string Md = """
            # Guide
            Run `#!fwbm-simulate` or `fwbm data list`; then #!fwbm-lesion and `fwbm train --epochs 3`.
            ```
            fwbm models hopf
            fwbm data frobnicate x
            ```
            ## Later (planned)
            #!fwbm-drug and `fwbm stimulate`
            ## Next
            `fwbm fit`
            """;
        var text = WithoutPlannedSections(Md);
        Assert.Equal(["#!fwbm-simulate", "#!fwbm-lesion"], Magics(text));
        var commands = Code(text).SelectMany(Commands).Select(w => string.Join(" ", w)).Order().ToArray();
        Assert.Equal(["data frobnicate", "data list", "fit", "models hopf", "train"], commands);
        Assert.DoesNotContain("#!fwbm-drug", Magics(text));
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")] private static partial Regex HeadingRegex();
    [GeneratedRegex(@"```[^\n]*\n(.*?)```", RegexOptions.Singleline)] private static partial Regex FenceRegex();
    [GeneratedRegex(@"`([^`\n]+)`")] private static partial Regex InlineCodeRegex();
    [GeneratedRegex(@"#!fwbm-[a-z][a-z0-9-]*[a-z0-9]")] private static partial Regex MagicRegex();
    [GeneratedRegex(@"(?<![\w./-])fwbm ([a-z][a-z-]*)(?: ([a-z][a-z-]*)(?![\w.=/-]))?")] private static partial Regex CommandRegex();
}
