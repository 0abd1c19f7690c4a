using Fwbm.Core.Analysis;
using Fwbm.Core.Models;

namespace Fwbm.Core.Simulation;

/// <summary>
/// An online recorder (vbjax-style init / step / sample): memory does not grow with the number of integration steps,
/// only with the number of samples it keeps.
/// </summary>
public interface IMonitor
{
    /// <summary>True when <see cref="MonitorView.BoldDrive"/> must be filled.</summary>
    bool NeedsBoldDrive { get; }
    /// <summary>True when <see cref="MonitorView.Observables"/> must be filled (read after <see cref="Init"/>).</summary>
    bool NeedsObservables => false;
    void Init(MonitorContext context);
    /// <summary>Called after every integration step (transient included).</summary>
    void Step(in MonitorView view);
    /// <summary>The recorded signals of one member, keyed by output name.</summary>
    IEnumerable<KeyValuePair<string, TimeSeries>> Sample(int member);
}
