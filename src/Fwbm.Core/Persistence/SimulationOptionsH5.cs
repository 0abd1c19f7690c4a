using System.Globalization;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Persistence;

/// <summary>
/// <see cref="SimulationOptions"/> in a result file: times in ms as attributes named with their unit (<c>dt_ms</c>, …), the
/// integrator, precision (absent in older files: double), coupling function, coupled channels, each monitor (BOLD: TR, hemodynamics, Balloon constants; raw/tavg: period and
/// variables), the stimulus (pulse or sinusoid), noise keys and initial state. A stimulus or monitor type FWBM does not know is
/// recorded by its type name and not restored (<see cref="Read"/> says so in its notes).
/// </summary>
public static class SimulationOptionsH5
{
    public static void Write(H5Writer g, SimulationOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        g.Attr("dt_ms", o.DtMs).Attr("duration_ms", o.DurationMs).Attr("transient_ms", o.TransientMs)
            .Attr("integrator", o.Integrator == IntegratorKind.Heun ? "heun" : "euler-maruyama")
            .Attr("precision", o.Precision == Precision.Single ? "single" : "double");
        if (o.VelocityMPerS is double v) g.Attr("velocity_m_per_s", v);
        if (o.Threads is int t) g.Attr("threads", t);
        if (o.CoupledChannels is { Count: > 0 } cc) g.Attr("coupled_channels", cc.ToArray());
        if (o.Coupling is { } c)
            g.Group("coupling").Attr("kind", c.Kind.ToString()).Attr("sigmoid_min", c.SigmoidMin).Attr("sigmoid_max", c.SigmoidMax)
                .Attr("sigmoid_midpoint", c.SigmoidMidpoint).Attr("sigmoid_slope", c.SigmoidSlope);
        if (o.NoiseRegionKeys is { Count: > 0 } keys) g.Data("noise_region_keys", keys.ToArray());
        if (o.InitialState is { Count: > 0 } init) g.Data("initial_state", init.ToArray(), attributes: new Dictionary<string, object> { ["order"] = "[variable][region], row-major" });
        var mg = g.Group("monitors");
        for (int k = 0; k < o.Monitors.Count; k++) WriteMonitor(mg.Group(k.ToString(CultureInfo.InvariantCulture)), o.Monitors[k]);
        if (o.Stimulus is { } s) WriteStimulus(g.Group("stimulus"), s);
        if (o.Stimuli.Count > 0) StimuliH5.Write(g.Group("stimuli"), o.Stimuli);
    }

    private static void WriteMonitor(H5Writer g, MonitorSpec m)
    {
        g.Attr("key", m.Key);
        switch (m)
        {
            case BoldMonitorSpec b:
                g.Attr("type", "bold").Attr("tr_ms", b.TrMs).Attr("hemodynamics", b.Hemodynamics.ToString().ToLowerInvariant())
                    .Attr("integration_step_ms", b.IntegrationStepMs);
                var p = b.Balloon;
                g.Attr("balloon", new[] { p.Kappa, p.Gamma, p.Tau, p.Alpha, p.Rho, p.V0, p.K1, p.K2, p.K3 })
                    .Attr("balloon_names", new[] { "kappa (1/s)", "gamma (1/s)", "tau (s)", "alpha", "rho", "V0", "k1", "k2", "k3" });
                break;
            case RawMonitorSpec r:
                g.Attr("type", "raw").Attr("period_ms", r.PeriodMs);
                if (r.Variables is { Count: > 0 } rv) g.Attr("variables", rv.ToArray());
                break;
            case TemporalAverageMonitorSpec a:
                g.Attr("type", "tavg").Attr("period_ms", a.PeriodMs);
                if (a.Variables is { Count: > 0 } av) g.Attr("variables", av.ToArray());
                break;
            default:
                g.Attr("type", m.GetType().FullName ?? m.GetType().Name);
                break;
        }
    }

    internal static void WriteStimulus(H5Writer g, IStimulus s)
    {
        g.Attr("variable", s.Variable);
        switch (s)
        {
            case PulseStimulus p:
                g.Attr("type", "pulse").Attr("onset_ms", p.OnsetMs).Attr("width_ms", p.WidthMs).Attr("amplitude", p.Amplitude);
                if (p.PeriodMs is double per) g.Attr("period_ms", per);
                g.Data("regions", p.Regions.ToArray());
                break;
            case SinusoidStimulus w:
                g.Attr("type", "sinusoid").Attr("frequency_hz", w.FrequencyHz).Attr("amplitude", w.Amplitude).Attr("phase_rad", w.PhaseRad)
                    .Attr("onset_ms", w.OnsetMs).Attr("offset_ms", w.OffsetMs);
                g.Data("regions", w.Regions.ToArray());
                break;
            default:
                g.Attr("type", s.GetType().FullName ?? s.GetType().Name).Attr("description", s.ToString() ?? "");
                break;
        }
    }

    /// <summary>The options the group holds, and notes on anything that could not be restored.</summary>
    public static (SimulationOptions Options, IReadOnlyList<string> Notes) Read(H5Reader g)
    {
        var notes = new List<string>();
        var monitors = new List<MonitorSpec>();
        if (g.TryGroup("monitors") is { } mg)
            foreach (var name in mg.Children().OrderBy(n => int.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue))
            {
                var m = mg.Group(name);
                string type = m.Text("type");
                IReadOnlyList<string>? vars = m.TextsOr("variables");
                switch (type)
                {
                    case "bold":
                        var c = m.Numbers("balloon");
                        if (c.Length != 9) throw new FwbmException($"{g.File}: {m.Path}@balloon holds {c.Length} constants; expected 9.");
                        monitors.Add(new BoldMonitorSpec(m.Number("tr_ms"))
                        {
                            Hemodynamics = Enum.Parse<BoldHemodynamics>(m.Text("hemodynamics"), ignoreCase: true),
                            IntegrationStepMs = m.Number("integration_step_ms"),
                            Balloon = new BalloonParameters(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]),
                        });
                        break;
                    case "raw": monitors.Add(new RawMonitorSpec(m.Number("period_ms"), vars)); break;
                    case "tavg": monitors.Add(new TemporalAverageMonitorSpec(m.Number("period_ms"), vars)); break;
                    default: notes.Add($"monitor '{m.Text("key")}' of type {type} is not restored (its recorded output is)."); break;
                }
            }
        CouplingSpec? coupling = null;
        if (g.TryGroup("coupling") is { } cg)
            coupling = new CouplingSpec(Enum.Parse<CouplingKind>(cg.Text("kind"), ignoreCase: true))
            {
                SigmoidMin = cg.Number("sigmoid_min"), SigmoidMax = cg.Number("sigmoid_max"),
                SigmoidMidpoint = cg.Number("sigmoid_midpoint"), SigmoidSlope = cg.Number("sigmoid_slope"),
            };
        IStimulus? stimulus = g.TryGroup("stimulus") is { } sg ? ReadStimulus(sg, notes) : null;
        IReadOnlyList<IStimulus> stimuli = g.TryGroup("stimuli") is { } ssg ? StimuliH5.Read(ssg, notes) : [];
        var options = new SimulationOptions
        {
            DtMs = g.Number("dt_ms"), DurationMs = g.Number("duration_ms"), TransientMs = g.Number("transient_ms"),
            VelocityMPerS = g.NumberOr("velocity_m_per_s"),
            Integrator = g.Text("integrator") == "heun" ? IntegratorKind.Heun : IntegratorKind.EulerMaruyama,
            // files written before --precision existed computed in double
            Precision = g.TextOr("precision") == "single" ? Precision.Single : Precision.Double,
            Threads = g.HasAttr("threads") ? checked((int)g.Integer("threads")) : null,
            CoupledChannels = g.TextsOr("coupled_channels"),
            Coupling = coupling,
            NoiseRegionKeys = g.Has("noise_region_keys") ? g.Integers("noise_region_keys") : null,
            InitialState = g.Has("initial_state") ? g.Doubles("initial_state") : null,
            Monitors = monitors,
            Stimulus = stimulus,
            Stimuli = stimuli,
        };
        return (options, notes);
    }

    /// <summary>A pulse or sinusoid stimulus group; null (and a note) for a type FWBM does not know.</summary>
    internal static IStimulus? ReadStimulus(H5Reader sg, List<string> notes)
    {
        string type = sg.Text("type");
        var regions = type is "pulse" or "sinusoid" ? sg.Integers("regions") : [];
        IStimulus? stimulus = type switch
        {
            "pulse" => new PulseStimulus(sg.Text("variable"), regions, sg.Number("onset_ms"), sg.Number("width_ms"), sg.Number("amplitude"), sg.NumberOr("period_ms")),
            "sinusoid" => new SinusoidStimulus(sg.Text("variable"), regions, sg.Number("frequency_hz"), sg.Number("amplitude"), sg.Number("phase_rad"),
                sg.Number("onset_ms"), sg.Number("offset_ms")),
            _ => null,
        };
        if (stimulus is null) notes.Add($"stimulus of type {type} ({sg.TextOr("description")}) is not restored.");
        return stimulus;
    }
}
