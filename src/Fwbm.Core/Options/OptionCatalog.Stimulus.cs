namespace Fwbm.Core.Options;

public static partial class OptionCatalog
{
    /// <summary><c>--stimulus</c> of <c>fwbm simulate</c> and <c>#!fwbm-simulate</c> (read by <see cref="Simulation.Stimuli.StimulusOptions"/>).</summary>
    internal static readonly OptionSpec StimulusOption = new("stimulus", ValueKind.Text,
        "External input: SHAPE(ARGS) at REGIONS [from TIME] [to TIME] [ramp TIME[,TIME]] [on VARIABLE]. Shapes: pulse, train (DBS), tbs (theta burst), sine (tACS), dc (tDCS), ou (noise drive), csv(@file); " +
        "regions: a selector, a per-region vector or falloff(x=…, y=…, z=…, sigma=…mm | r0=…mm[, cutoff=…mm]); times from the start of the transient; the variable defaults to the model's input variable. " +
        "Repeat the option (or separate stimuli with ';') and they add (docs/reference/stimuli.md).")
    {
        Repeatable = true,
        DefaultNote = "none",
        Examples = ["train(rate=130Hz, width=90us, amplitude=2, biphasic) at Thal_L from 10s to 20s ramp 1s on x", "sine(10Hz, 0.5) at network:Vis",
            "tbs(amplitude=1) at #12", "dc(0.1) at falloff(x=-40,y=-20,z=50,sigma=15mm)", "pulse(amplitude=1, width=1ms) at lh from 2s; sine(10Hz, 0.1) at rh"],
    };

    /// <summary>The stimulus options of <c>fwbm simulate</c> and <c>#!fwbm-simulate</c>.</summary>
    internal static IReadOnlyList<OptionSpec> StimulusOptions => [StimulusOption];
}
