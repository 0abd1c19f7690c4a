using System.Globalization;
using System.Net;
using Fwbm.Core.Simulation;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace Fwbm.Interactive;

/// <summary>What a live progress display shows: a bar, elapsed time and the estimated time left.</summary>
public sealed record ProgressView(string Title, double Fraction, TimeSpan Elapsed, TimeSpan? Remaining, string State = "running")
{
    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        return State switch
        {
            "running" => string.Create(ci, $"{Title}: {Fraction:P0}, {Elapsed.TotalSeconds:F1} s elapsed") + (Remaining is TimeSpan r ? string.Create(ci, $", ETA {Format(r)}") : ""),
            _ => string.Create(ci, $"{Title}: {State} after {Elapsed.TotalSeconds:F1} s"),
        };
    }

    private static string Format(TimeSpan t) => t.TotalSeconds < 90 ? $"{t.TotalSeconds:F0} s" : t.TotalMinutes < 90 ? $"{t.TotalMinutes:F1} min" : $"{t.TotalHours:F1} h";

    public string ToHtml()
    {
        string color = State == "running" ? "#1f77b4" : State.StartsWith("done", StringComparison.Ordinal) ? "#2ca02c" : "#d62728";
        int pct = (int)Math.Round(Math.Clamp(Fraction, 0, 1) * 100);
        return $"<div class=\"fwbm-progress\" style=\"font-family:monospace;margin:4px 0\">" +
               $"<div style=\"width:320px;height:10px;background:#eee;border-radius:3px;overflow:hidden;display:inline-block;vertical-align:middle;margin-right:8px\">" +
               $"<div style=\"width:{pct}%;height:100%;background:{color}\"></div></div>{WebUtility.HtmlEncode(ToString())}</div>";
    }
}

/// <summary>
/// An updating display of a long run: created at the start, updated at most every <see cref="Interval"/> from
/// <see cref="SimulationProgress"/> reports (any thread), closed with done / cancelled / failed.
/// </summary>
public sealed class LiveProgress : IProgress<SimulationProgress>
{
    private readonly object _lock = new();
    private readonly DisplayedValue? _display;
    private readonly string _title;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private TimeSpan? _last;
    private bool _closed;

    public LiveProgress(KernelInvocationContext? context, string title)
    {
        _title = title;
        Current = new ProgressView(title, 0, TimeSpan.Zero, null);
        if (context is not null)
        {
            _display = context.Display(Current, "text/html", "text/plain");
            // the kernel completes the cell as soon as it is interrupted; updating the display from the handler that notices the
            // cancellation would come too late, so the display switches to "cancelled" when the interrupt is signalled
            context.CancellationToken.Register(Cancelled);
        }
    }

    /// <summary>Shortest time between two updates of the display.</summary>
    public static TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(500);

    public ProgressView Current { get; private set; }

    public void Report(SimulationProgress value)
    {
        // called on the simulation's timer thread: must never throw
        try
        {
            lock (_lock)
            {
                if (_closed) return;
                var now = _clock.Elapsed;
                if (_last is TimeSpan last && now - last < Interval && value.StepsDone < value.StepsTotal) return;
                _last = now;
                TimeSpan? eta = value.StepsDone > 0 && value.StepsDone <= value.StepsTotal
                    ? TimeSpan.FromSeconds(value.Elapsed.TotalSeconds * (value.StepsTotal - value.StepsDone) / value.StepsDone) : null;
                Update(new ProgressView(_title, value.Fraction, value.Elapsed, eta));
            }
        }
        catch (Exception) { /* a display problem must not stop or crash the run */ }
    }

    /// <summary>Report a fraction directly (for loops that are not simulations).</summary>
    public void Report(double fraction)
    {
        var e = _clock.Elapsed;
        TimeSpan? eta = fraction > 0 ? TimeSpan.FromTicks((long)(e.Ticks * (1 - fraction) / fraction)) : null;
        lock (_lock) { if (!_closed) Update(new ProgressView(_title, fraction, e, eta)); }
    }

    public void Done() => Close("done", 1);
    public void Cancelled() => Close("cancelled (kernel interrupted)", Current.Fraction);
    public void Failed() => Close("failed", Current.Fraction);

    private void Close(string state, double fraction)
    {
        lock (_lock)
        {
            if (_closed) return;
            _closed = true;
            Update(new ProgressView(_title, fraction, _clock.Elapsed, null, state));
        }
    }

    private void Update(ProgressView v)
    {
        Current = v;
        try { _display?.Update(v); }
        catch (ObjectDisposedException) { } // the cell finished while a late report arrived
    }
}
