using System.Globalization;
using Fwbm.Core;
using TorchSharp;
using static TorchSharp.torch.optim;
using static TorchSharp.torch.optim.lr_scheduler;

namespace Fwbm.Torch.Fitting;

/// <summary>
/// A learning-rate schedule (TorchSharp's <c>torch.optim.lr_scheduler</c>), stepped once after every epoch:
/// <list type="bullet">
/// <item><c>none</c>: the learning rate stays;</item>
/// <item><c>step:N[:gamma]</c> (StepLR): multiply by gamma (default 0.5) every N epochs;</item>
/// <item><c>cosine[:T[:min]]</c> (CosineAnnealingLR): from the learning rate down to min (default 0) over T epochs (default: the fit's
///   epochs, fixed when the fit starts, so a resume with more epochs must name the same T);</item>
/// <item><c>plateau[:patience[:factor]]</c> (ReduceLROnPlateau on the epoch loss): multiply by factor (default 0.5) after patience
///   (default 3) epochs without a relative improvement of 1e-4.</item>
/// </list>
/// A schedule's state is a pure function of the epochs it was stepped with (and, for plateau, their losses): a resumed fit replays
/// the checkpoint's epochs into a new scheduler and checks that the learning rate it reaches is the one the checkpoint recorded.
/// </summary>
public sealed record LearningRateSchedule(string Kind, int Period, double Factor, double Minimum)
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    public const string None = "none", Step = "step", Cosine = "cosine", Plateau = "plateau";

    /// <summary>Parse a schedule (errors name --lr-schedule and the accepted forms); <paramref name="epochs"/> is cosine's default T.</summary>
    public static LearningRateSchedule Parse(string? text, int epochs)
    {
        var t = (text ?? "").Trim().ToLowerInvariant();
        var parts = t.Split(':');
        string Err(string why) => $"--lr-schedule '{text}': {why}; expected none, step:N[:gamma], cosine[:T[:min]] or plateau[:patience[:factor]].";
        double Num(int i, double fallback, double min, double max, string what)
        {
            if (parts.Length <= i || parts[i].Length == 0) return fallback;
            if (!double.TryParse(parts[i], NumberStyles.Float, Ci, out var v) || !double.IsFinite(v) || v < min || v > max)
                throw new FwbmException(Err($"{what} '{parts[i]}' is not a number in [{min.ToString(Ci)}, {max.ToString(Ci)}]"));
            return v;
        }
        int Int(int i, int fallback, string what, int min = 1)
        {
            if (parts.Length <= i || parts[i].Length == 0) return fallback;
            if (!int.TryParse(parts[i], NumberStyles.Integer, Ci, out var v) || v < min)
                throw new FwbmException(Err($"{what} '{parts[i]}' is not a whole number ≥ {min}"));
            return v;
        }
        var kind = parts[0] switch
        {
            "" or "none" or "constant" => None,
            "step" or "steplr" => Step,
            "cosine" or "cos" or "cosineannealing" => Cosine,
            "plateau" or "reducelronplateau" => Plateau,
            var k => throw new FwbmException(Err($"unknown schedule '{k}'" + (Core.Grammar.Suggest.DidYouMean(k, [None, Step, Cosine, Plateau], quote: "") is { } s ? $" ({s})" : ""))),
        };
        int maxParts = kind == None ? 1 : 3;
        if (parts.Length > maxParts) throw new FwbmException(Err("too many ':' parts"));
        return kind switch
        {
            Step => parts.Length < 2 ? throw new FwbmException(Err("step needs the number of epochs N between decays")) :
                new LearningRateSchedule(Step, Int(1, 1, "N"), Num(2, 0.5, 1e-12, 1, "gamma"), 0),
            Cosine => new LearningRateSchedule(Cosine, Int(1, Math.Max(1, epochs), "T"), 1, Num(2, 0, 0, double.MaxValue, "min")),
            Plateau => new LearningRateSchedule(Plateau, Int(1, 3, "patience", min: 0), Num(2, 0.5, 1e-12, 1 - 1e-12, "factor"), 0),
            _ => new LearningRateSchedule(None, 0, 1, 0),
        };
    }


    /// <summary>TorchSharp's scheduler for <paramref name="optimizer"/> (null for none); create it before the first epoch.</summary>
    public LRScheduler? Create(Optimizer optimizer) => Kind switch
    {
        Step => StepLR(optimizer, Period, Factor),
        Cosine => CosineAnnealingLR(optimizer, Period, Minimum),
        Plateau => ReduceLROnPlateau(optimizer, mode: "min", factor: Factor, patience: Period),
        _ => null,
    };

    /// <summary>Advance after an epoch with the epoch's loss (used by plateau only).</summary>
    public static void Advance(LRScheduler? scheduler, double loss)
    {
        if (scheduler is null) return;
        scheduler.step(loss);
    }

    /// <summary>The canonical text (with every default made explicit): what the checkpoint records.</summary>
    public override string ToString() => Kind switch
    {
        Step => string.Create(Ci, $"step:{Period}:{Factor:R}"),
        Cosine => string.Create(Ci, $"cosine:{Period}:{Minimum:R}"),
        Plateau => string.Create(Ci, $"plateau:{Period}:{Factor:R}"),
        _ => None,
    };
}
