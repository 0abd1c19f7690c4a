using Fwbm.Core.Grammar;

namespace Fwbm.Core.Simulation.Stimuli;

/// <summary>The parser of <see cref="StimulusSpec"/> texts: the shape and its arguments, then the clauses at/from/to/ramp/on.</summary>
internal static class StimulusParser
{
    /// <summary>The shapes, their positional arguments and every key, for parsing, help and errors.</summary>
    internal static readonly (string Name, string[] Positional, string[] Keys, string[] Flags)[] Shapes =
    [
        ("pulse", ["amplitude", "width"], ["amplitude", "width"], ["biphasic", "negative-first"]),
        ("train", ["rate", "width", "amplitude"], ["rate", "width", "amplitude"], ["biphasic", "negative-first"]),
        ("tbs", ["amplitude"], ["amplitude", "width", "rate", "pulses", "burst"], ["biphasic", "negative-first"]),
        ("sine", ["frequency", "amplitude", "phase"], ["frequency", "amplitude", "phase"], []),
        ("dc", ["amplitude"], ["amplitude"], []),
        ("ou", ["tau", "sigma"], ["tau", "sigma", "mean", "seed", "step"], []),
        ("csv", ["file", "amplitude"], ["file", "amplitude"], []),
    ];

    private static readonly string[] Clauses = ["at", "from", "to", "ramp", "on"];

    public static StimulusSpec Parse(string text, string subject)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        string where = $"{subject} '{t}'";
        int open = t.IndexOf('(');
        string shape = (open < 0 ? t.Split(' ')[0] : t[..open]).Trim().ToLowerInvariant();
        var names = Shapes.Select(s => s.Name).ToArray();
        int si = Array.IndexOf(names, shape);
        if (si < 0)
            throw new FwbmException($"{where}: '{shape}' is not a stimulus shape; expected one of {Suggest.Join(names)}, e.g. sine(10Hz, 0.5) at Thal_L" +
                (Suggest.DidYouMean(shape, names) is { } dym ? $"; {dym}" : "."));
        if (open < 0) throw new FwbmException($"{where}: expected {shape}(…) with its arguments in parentheses, e.g. {Example(shape)}.");
        int close = Closing(t, open);
        if (close < 0) throw new FwbmException($"{where}: '(' is not closed; expected {shape}(…) at <regions>.");
        var waveform = Shape(si, t[(open + 1)..close], $"{where}: {shape}");
        var clauses = SplitClauses(t[(close + 1)..], where);
        if (!clauses.TryGetValue("at", out var at))
            throw new FwbmException($"{where}: expected 'at <regions>' after {shape}(…), e.g. {shape}(…) at Thal_L, at #12, at network:Vis or at falloff(x=-40, y=-20, z=50, sigma=15mm).");
        var spatial = SpatialWeights.Parse(at, where);
        double from = clauses.TryGetValue("from", out var f) ? StimulusArgs.SignedMs(f, $"{where}: from", "10s") : 0;
        double to = clauses.TryGetValue("to", out var e) ? StimulusArgs.SignedMs(e, $"{where}: to", "20s") : double.PositiveInfinity;
        double on = 0, off = 0;
        if (clauses.TryGetValue("ramp", out var r))
        {
            var parts = r.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length > 2) throw new FwbmException($"{where}: ramp '{r}'; expected one time (on and off) or two (on,off), e.g. ramp 1s or ramp 1s,2s.");
            on = StimulusArgs.SignedMs(parts[0], $"{where}: ramp", "1s");
            off = parts.Length == 2 ? StimulusArgs.SignedMs(parts[1], $"{where}: ramp", "1s") : on;
        }
        string? variable = null;
        if (clauses.TryGetValue("on", out var v))
        {
            if (v.Length == 0 || v.Any(char.IsWhiteSpace)) throw new FwbmException($"{where}: on '{v}'; expected one state variable, e.g. on x.");
            variable = v;
        }
        StimulusWindow window;
        try { window = new StimulusWindow(from, to, on, off); }
        catch (FwbmException ex) { throw new FwbmException($"{where}: {ex.Message}"); }
        return new StimulusSpec(waveform, spatial, window, variable);
    }

    /// <summary>A shape with its arguments and nothing after it.</summary>
    public static Waveform ParseWaveform(string text, string subject)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        string where = $"{subject} '{t}'";
        int open = t.IndexOf('(');
        var names = Shapes.Select(s => s.Name).ToArray();
        int si = open < 0 ? -1 : Array.IndexOf(names, t[..open].Trim().ToLowerInvariant());
        if (si < 0 || !t.EndsWith(')') || Closing(t, open) != t.Length - 1)
            throw new FwbmException($"{where}: expected one of {Suggest.Join(names)} with its arguments, e.g. sine(10Hz, 0.5).");
        return Shape(si, t[(open + 1)..^1], $"{where}: {names[si]}");
    }

    private static string Example(string shape) => shape switch
    {
        "pulse" => "pulse(amplitude=1, width=1ms) at Thal_L from 1s",
        "train" => "train(rate=130Hz, width=90us, amplitude=2, biphasic) at Thal_L",
        "tbs" => "tbs(amplitude=1) at #12",
        "sine" => "sine(10Hz, 0.5) at network:Vis",
        "dc" => "dc(0.1) at falloff(x=-40, y=-20, z=50, sigma=15mm)",
        "ou" => "ou(tau=10ms, sigma=0.1) at lh",
        _ => "csv(@wave.csv) at lh",
    };

    private static Waveform Shape(int si, string args, string where)
    {
        var (name, positional, keys, flags) = Shapes[si];
        var a = StimulusArgs.Parse(args, where, positional, keys.Concat(flags).ToArray(), flags);
        PulseShape Pulse(double width) => new(a.Number("amplitude", 1), a.Ms("width", width, "0.09ms"), a.Flag("biphasic"), a.Flag("negative-first"));
        try
        {
            Waveform w = name switch
            {
                "pulse" => new SinglePulse(Pulse(1)),
                "train" => new PulseTrain(a.Hz("rate", null, "130Hz"), Pulse(1)),
                "tbs" => TbsOf(a, Pulse(1)),
                "sine" => new Sine(a.Hz("frequency", null, "10Hz"), a.Number("amplitude", 1), a.Radians("phase")),
                "dc" => new Constant(a.Number("amplitude", null)),
                "ou" => new OuNoise(a.Ms("tau", 10), a.Number("sigma", 1), a.Number("mean", 0), a.Seed("seed", 1), a.OptionalMs("step")),
                _ => new CsvWaveform(a.File("file"), a.Number("amplitude", 1)),
            };
            a.Done();
            return w;
        }
        catch (FwbmException e) when (!e.Message.StartsWith(where, StringComparison.Ordinal))
        {
            // the shapes' own checks ("train: width = …") get the option and the text in front
            throw new FwbmException($"{where[..where.LastIndexOf(':')]}: {e.Message}");
        }
    }

    private static ThetaBurst TbsOf(StimulusArgs a, PulseShape pulse) =>
        new(pulse, a.Hz("rate", 50, "50Hz"), a.Integer("pulses", 3), a.Hz("burst", 5, "5Hz"));

    private static int Closing(string t, int open)
    {
        int depth = 0;
        bool quoted = false;
        for (int i = open; i < t.Length; i++)
        {
            char c = t[i];
            if (c == '"') quoted = !quoted;
            else if (quoted) continue;
            else if (c is '(' or '[') depth++;
            else if (c is ')' or ']' && --depth == 0) return i;
        }
        return -1;
    }

    /// <summary>The clauses after the shape: each keyword (at, from, to, ramp, on) once, at depth 0, starting a word.</summary>
    private static Dictionary<string, string> SplitClauses(string rest, string where)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int depth = 0;
        bool quoted = false;
        string? current = null;
        int start = 0;
        var s = rest.TrimEnd();
        for (int i = 0; i <= s.Length; i++)
        {
            string? kw = null;
            if (i < s.Length)
            {
                char c = s[i];
                if (c == '"') { quoted = !quoted; continue; }
                if (quoted) continue;
                if (c is '(' or '[') { depth++; continue; }
                if (c is ')' or ']') { depth--; continue; }
                if (depth != 0 || (i > 0 && !char.IsWhiteSpace(s[i - 1]))) continue;
                kw = Clauses.FirstOrDefault(k => string.Compare(s, i, k, 0, k.Length, StringComparison.OrdinalIgnoreCase) == 0
                    && i + k.Length < s.Length && char.IsWhiteSpace(s[i + k.Length]));
                if (kw is null) continue;
            }
            if (current is null)
            {
                var before = s[start..i].Trim();
                if (before.Length > 0)
                    throw new FwbmException($"{where}: '{before}' is not understood here; expected at <regions> [from <time>] [to <time>] [ramp <time>] [on <variable>].");
            }
            else
            {
                if (result.ContainsKey(current)) throw new FwbmException($"{where}: '{current}' is given twice; expected it once.");
                result[current] = s[start..i].Trim();
            }
            if (kw is null) break;
            current = kw.ToLowerInvariant();
            start = i + kw.Length;
            i += kw.Length - 1;
        }
        return result;
    }
}
