namespace Fwbm.Core.Options;

/// <summary>The grammar an option's value follows (each parsed by one function of <c>Fwbm.Core.Grammar</c>).</summary>
public enum ValueKind
{
    /// <summary>Free text: a dataset id, a path, a variable name.</summary>
    Text,
    /// <summary>One of a closed set (case-insensitive, "did you mean").</summary>
    Choice,
    /// <summary>A finite number.</summary>
    Number,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>A noise seed: a non-negative whole number.</summary>
    Seed,
    /// <summary>A duration with unit (600s, 10min, 500ms); a plain number is in the option's <see cref="OptionSpec.PlainUnit"/>.</summary>
    Duration,
    /// <summary><c>name=value</c> list; a value may be one number or one per region.</summary>
    Assignments,
    /// <summary>A sweep axis <c>name=range</c>.</summary>
    Axis,
    /// <summary>A range of values (start:step:stop, lin(…), log(…), list).</summary>
    Range,
    /// <summary><c>low:high</c>.</summary>
    Interval,
    /// <summary><c>name=min:max</c> list.</summary>
    Bounds,
    /// <summary>Comma-separated names (checked against the choices when the option has them).</summary>
    Names,
    /// <summary>Measures of the catalogue (<c>fwbm measures</c>), each <c>name</c> or <c>name=target</c>, separated by commas.</summary>
    Measures,
    /// <summary>A switch without a value.</summary>
    Flag,
    /// <summary>A connectome edit of virtual surgery (<c>--resect</c>, <c>--lesion</c>, …; grammar in
    /// <see cref="Connectivity.Surgery.SurgeryText"/>), checked without a connectome (regions are resolved when it is applied).</summary>
    Edit,
}
