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

    /// <summary>
    /// Record a check whose failure message is built only when it fails, after the check ran — so that it can show the values the
    /// check computed (e.g. <c>() =&gt; $"got {w.Length}"</c> after <c>w = StudentCode()</c>).
    /// </summary>
    public SelfCheck That(bool ok, string name, Func<string> problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return That(ok, name, ok ? "" : Describe(problem));
    }

    /// <summary>Run a check that may throw (e.g. the student's function): an exception becomes a failed check naming it.</summary>
    /// <remarks>The message is fixed before the check runs; to show values the check computes use the <see cref="Func{TResult}"/> overload.</remarks>
    public SelfCheck That(Func<bool> check, string name, string problem) => That(check, name, () => problem);

    /// <summary>
    /// Run a check that may throw (e.g. the student's function); <paramref name="problem"/> is evaluated after the check, only when it
    /// failed. An exception from the check becomes a failed check naming it.
    /// </summary>
    public SelfCheck That(Func<bool> check, string name, Func<string> problem)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(problem);
        bool ok;
        try { ok = check(); }
        catch (NotImplementedException e) { return That(false, name, e.Message); }
        catch (Exception e) { return That(false, name, $"{Describe(problem)} (your code threw {e.GetType().Name}: {e.Message})"); }
        return That(ok, name, problem);
    }

    private static string Describe(Func<string> problem)
    {
        try { return problem(); }
        catch (Exception e) { return $"(the message could not be built: {e.GetType().Name}: {e.Message})"; }
    }

    /// <summary>|actual − expected| ≤ tolerance.</summary>
    public SelfCheck Close(double actual, double expected, double tolerance, string name) =>
        That(Math.Abs(actual - expected) <= tolerance, name,
            string.Create(CultureInfo.InvariantCulture, $"{name}: got {actual:G6}, expected {expected:G6} (± {tolerance:G3})."));

    /// <summary>
    /// Throw a <see cref="SelfCheckFailedException"/> (an <see cref="FwbmException"/>) when any check failed — the cell fails with one
    /// line per failed check and no stack trace; returns this when all passed.
    /// </summary>
    public SelfCheck Verify()
    {
        if (Passed) return this;
        var failed = _checks.Where(c => !c.Ok).ToArray();
        throw new SelfCheckFailedException(failed.Length == 1
            ? $"{Exercise}: ✘ {failed[0].Name}: {OneLine(failed[0].Problem)}"
            : $"{Exercise}: {failed.Length} of {_checks.Count} checks failed:\n" + string.Join("\n", failed.Select(c => $"  ✘ {c.Name}: {OneLine(c.Problem)}")));
    }

    private static string OneLine(string s) => string.Join(' ', s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public override string ToString() => $"{Exercise}: {(Passed ? "all checks passed" : $"{_checks.Count(c => !c.Ok)} of {_checks.Count} checks failed")}\n" +
        string.Join("\n", _checks.Select(c => c.Ok ? $"  ✔ {c.Name}" : $"  ✘ {c.Name}: {c.Problem}"));

    public string ToHtml() =>
        $"<div class=\"fwbm-selfcheck\" style=\"font-family:sans-serif;border-left:4px solid {(Passed ? "#2ca02c" : "#d62728")};padding:4px 10px\"><b>{WebUtility.HtmlEncode(Exercise)}</b>: {(Passed ? "all checks passed" : "something is wrong")}<ul style=\"margin:4px 0\">" +
        string.Concat(_checks.Select(c => $"<li>{(c.Ok ? "✔" : "✘")} {WebUtility.HtmlEncode(c.Name)}{(c.Ok ? "" : " — <span style=\"color:#b00\">" + WebUtility.HtmlEncode(c.Problem) + "</span>")}</li>")) + "</ul></div>";
}

/// <summary>
/// A failed <see cref="SelfCheck.Verify"/>: its text is the list of what is wrong, nothing else (a student sees no stack trace or
/// source path, which .NET Interactive would otherwise print from <see cref="Exception.ToString"/>).
/// </summary>
public sealed class SelfCheckFailedException(string message) : FwbmException(message)
{
    public override string ToString() => Message;
    public override string? StackTrace => null;
}
