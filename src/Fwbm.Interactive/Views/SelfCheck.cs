using System.Globalization;
using System.Net;
using Fwbm.Core;

namespace Fwbm.Interactive;

/// <summary>
/// Self-check cells for classroom notebooks: a list of checks, each with what is wrong when it fails. Display it to see ✔/✘;
/// <see cref="Verify"/> fails the cell (with every failed check's message) when something is wrong.
/// </summary>
public sealed class SelfCheck
{
    private readonly List<(bool Ok, string Name, string Problem)> _checks = [];

    private SelfCheck(string exercise) => Exercise = exercise;

    public static SelfCheck For(string exercise) => new(exercise);

    public string Exercise { get; }
    public IReadOnlyList<(bool Ok, string Name, string Problem)> Checks => _checks;
    public bool Passed => _checks.All(c => c.Ok);

    /// <summary>Record a check: <paramref name="ok"/>, its name, and the message shown when it fails (what is wrong, what to try).</summary>
    public SelfCheck That(bool ok, string name, string problem)
    {
        _checks.Add((ok, name, problem));
        return this;
    }

    /// <summary>Run a check that may throw (e.g. the student's function): an exception becomes a failed check naming it.</summary>
    public SelfCheck That(Func<bool> check, string name, string problem)
    {
        try { return That(check(), name, problem); }
        catch (NotImplementedException e) { return That(false, name, e.Message); }
        catch (Exception e) { return That(false, name, $"{problem} (your code threw {e.GetType().Name}: {e.Message})"); }
    }

    /// <summary>|actual − expected| ≤ tolerance.</summary>
    public SelfCheck Close(double actual, double expected, double tolerance, string name) =>
        That(Math.Abs(actual - expected) <= tolerance, name,
            string.Create(CultureInfo.InvariantCulture, $"{name}: got {actual:G6}, expected {expected:G6} (± {tolerance:G3})."));

    /// <summary>Throw an <see cref="FwbmException"/> listing what is wrong when any check failed; returns this when all passed.</summary>
    public SelfCheck Verify()
    {
        if (Passed) return this;
        throw new FwbmException($"{Exercise}: {_checks.Count(c => !c.Ok)} of {_checks.Count} checks failed:\n" +
            string.Join("\n", _checks.Where(c => !c.Ok).Select(c => $"  ✘ {c.Name}: {c.Problem}")));
    }

    public override string ToString() => $"{Exercise}: {(Passed ? "all checks passed" : $"{_checks.Count(c => !c.Ok)} of {_checks.Count} checks failed")}\n" +
        string.Join("\n", _checks.Select(c => c.Ok ? $"  ✔ {c.Name}" : $"  ✘ {c.Name}: {c.Problem}"));

    public string ToHtml() =>
        $"<div class=\"fwbm-selfcheck\" style=\"font-family:sans-serif;border-left:4px solid {(Passed ? "#2ca02c" : "#d62728")};padding:4px 10px\"><b>{WebUtility.HtmlEncode(Exercise)}</b>: {(Passed ? "all checks passed" : "something is wrong")}<ul style=\"margin:4px 0\">" +
        string.Concat(_checks.Select(c => $"<li>{(c.Ok ? "✔" : "✘")} {WebUtility.HtmlEncode(c.Name)}{(c.Ok ? "" : " — <span style=\"color:#b00\">" + WebUtility.HtmlEncode(c.Problem) + "</span>")}</li>")) + "</ul></div>";
}
