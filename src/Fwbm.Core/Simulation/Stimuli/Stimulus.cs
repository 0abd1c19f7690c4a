using System.Numerics;
using Fwbm.Core.Grammar;

namespace Fwbm.Core.Simulation.Stimuli;

/// <summary>
/// An external input: a temporal <see cref="Waveform"/> × per-region <see cref="Weights"/> × a target state <see cref="Variable"/>,
/// inside a <see cref="Window"/> (with ramps). Region i receives weight_i · envelope(t) · waveform(t − from), added to the derivative
/// of the variable (TVB convention); the engines apply its mean over each step (<see cref="EvaluateStep"/>). Several stimuli add
/// (<see cref="SimulationOptions.Stimuli"/>). <see cref="ToString"/> is the canonical <c>--stimulus</c> text, which parses back
/// (<see cref="StimulusSpec.Parse"/>) to the same specification.
/// </summary>
public sealed record Stimulus : IStimulus, IStimulusEvents
{
    private readonly double[] _weights;
    private readonly int[] _regions;

    /// <param name="waveform">The temporal shape (bound to the run: <see cref="Waveform.Bind"/>).</param>
    /// <param name="weights">One weight per region of the connectome (at least one non-zero, all finite).</param>
    /// <param name="variable">The state variable receiving the input.</param>
    /// <param name="window">When it acts (default: from 0 for ever).</param>
    /// <param name="spatial">Where the weights came from, for the canonical text (null: the weights as a list).</param>
    public Stimulus(Waveform waveform, IReadOnlyList<double> weights, string variable, StimulusWindow? window = null, SpatialWeights? spatial = null)
    {
        ArgumentNullException.ThrowIfNull(waveform);
        ArgumentNullException.ThrowIfNull(weights);
        if (string.IsNullOrWhiteSpace(variable)) throw new FwbmException("Stimulus: Variable is empty; expected the name of a state variable of the model (see `fwbm models <model>`).");
        if (weights.Count == 0) throw new FwbmException("Stimulus: no weights; expected one weight per region.");
        for (int i = 0; i < weights.Count; i++)
            if (!double.IsFinite(weights[i])) throw new FwbmException($"Stimulus: the weight of region {i} is {weights[i]}; expected finite weights.");
        if (weights.All(w => w == 0)) throw new FwbmException("Stimulus: every weight is 0, so it reaches no region; expected at least one non-zero weight.");
        Waveform = waveform; Variable = variable; Window = window ?? StimulusWindow.Always; Spatial = spatial;
        _weights = weights.ToArray();
        _regions = Enumerable.Range(0, _weights.Length).Where(i => _weights[i] != 0).ToArray();
    }

    public Waveform Waveform { get; }
    /// <summary>One weight per region (0 where it does not act).</summary>
    public IReadOnlyList<double> Weights => _weights;
    public string Variable { get; }
    public StimulusWindow Window { get; }
    /// <summary>The spatial specification the weights were resolved from (null: given as numbers).</summary>
    public SpatialWeights? Spatial { get; }
    /// <summary>The regions with a non-zero weight, ascending.</summary>
    public IReadOnlyList<int> Regions => _regions;

    /// <summary>The specification: waveform, spatial text (the weights as a list when none), window and variable.</summary>
    public StimulusSpec Spec => new(Waveform, Spatial ?? new VectorWeights(new RegionVectorList(_weights)), Window, Variable);

    /// <summary>The input at the instant <paramref name="timeMs"/> (a sample: for plots; the engines use <see cref="EvaluateStep"/>).</summary>
    public double ValueAt(double timeMs)
    {
        double e = Window.Envelope(timeMs);
        return e == 0 ? 0 : e * Waveform.Value(timeMs - Window.FromMs);
    }

    /// <summary>The mean input over [<paramref name="t0Ms"/>, <paramref name="t1Ms"/>) before the weights.</summary>
    public double MeanOver(double t0Ms, double t1Ms) => Window.Mean(Waveform, t0Ms, t1Ms);

    public void Evaluate(long step, double timeMs, Span<double> perRegion) => Add(ValueAt(timeMs), perRegion);

    public void EvaluateStep(long step, double timeMs, double dtMs, Span<double> perRegion) => Add(Window.Mean(Waveform, timeMs, timeMs + dtMs), perRegion);

    private void Add(double v, Span<double> perRegion)
    {
        if (v == 0) return;
        if (_regions.Length < _weights.Length / 2)
        {
            foreach (var r in _regions) perRegion[r] += v * _weights[r];
            return;
        }
        // dense weights (a network, a hemisphere, a falloff): every region, in SIMD vectors (the same products and sums as the sparse loop)
        ReadOnlySpan<double> w = _weights;
        var p = perRegion[..w.Length];
        int i = 0;
        var vv = new Vector<double>(v);
        for (; i <= p.Length - Vector<double>.Count; i += Vector<double>.Count)
            (new Vector<double>(p[i..]) + vv * new Vector<double>(w[i..])).CopyTo(p[i..]);
        for (; i < p.Length; i++) p[i] += v * w[i];
    }

    public double[] RegionWeights(int regions)
    {
        var w = new double[regions];
        for (int i = 0; i < Math.Min(regions, _weights.Length); i++) w[i] = _weights[i];
        return w;
    }

    public IReadOnlyList<double> TrialOnsetsMs(double endMs)
    {
        double end = Math.Min(endMs, Window.ToMs);
        return Waveform.OnsetsMs(end - Window.FromMs).Select(t => t + Window.FromMs).Where(t => t < end).ToArray();
    }

    public double? DrivingFrequencyHz => Waveform.DrivingFrequencyHz;

    public bool Equals(Stimulus? other) => other is not null && Waveform.Equals(other.Waveform) && Variable == other.Variable && Window.Equals(other.Window)
        && Equals(Spatial, other.Spatial) && _weights.AsSpan().SequenceEqual(other._weights);
    public override int GetHashCode() => HashCode.Combine(Waveform, Variable, Window, _weights.Length);

    /// <summary>The canonical <c>--stimulus</c> text, e.g. <c>sine(frequency=10Hz, amplitude=0.5, phase=0) at Thal_L from 10000ms on x</c>.</summary>
    public override string ToString() => Spec.ToString();
}
