using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace Fwbm.Cli.Commands;

/// <summary>The machine's limits on one core, measured in C#: STREAM-triad bandwidth (a[i] = b[i] + s·c[i]; 24 bytes moved per element
/// counted, write-allocate not counted) with a working set in L2 and one far larger than the caches, and the FMA peak with
/// <see cref="Vector{T}"/> (the width the engine uses) in double and float, and with 512-bit vectors where the CPU has them.</summary>
internal sealed record MachineLimits(double TriadL2GBps, double TriadDramGBps, double FmaGflopsDouble, double FmaGflopsSingle,
    double? Fma512GflopsDouble, double? Fma512GflopsSingle, long L2Bytes)
{
    public const int L2Elements = 16 * 1024, DramElements = 4 * 1024 * 1024;

    public static MachineLimits Measure(bool quick)
    {
        double seconds = quick ? 0.05 : 0.5;
        return new MachineLimits(Triad(L2Elements, seconds), Triad(DramElements, seconds), FmaDouble(seconds), FmaSingle(seconds),
            Vector512.IsHardwareAccelerated ? Fma512Double(seconds) : null, Vector512.IsHardwareAccelerated ? Fma512Single(seconds) : null, L2Size());
    }

    /// <summary>The per-core L2 size from sysfs (1 MiB when it cannot be read).</summary>
    private static long L2Size()
    {
        try
        {
            var t = File.ReadAllText("/sys/devices/system/cpu/cpu0/cache/index2/size").Trim();
            long mult = t.EndsWith('K') ? 1024 : t.EndsWith('M') ? 1024 * 1024 : 1;
            return long.Parse(t.TrimEnd('K', 'M'), System.Globalization.CultureInfo.InvariantCulture) * mult;
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException) { return 1024 * 1024; }
    }

    /// <summary>Best GB/s of repeated triad passes (five rounds of about <paramref name="seconds"/>/5 each).</summary>
    private static double Triad(int n, double seconds)
    {
        var a = new double[n]; var b = new double[n]; var c = new double[n];
        for (int i = 0; i < n; i++) { b[i] = i; c[i] = 0.5 * i; }
        TriadPass(a, b, c, 1.5);
        double best = 0;
        for (int round = 0; round < 5; round++)
        {
            long passes = 0;
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed.TotalSeconds < seconds / 5) { TriadPass(a, b, c, 1.5 + passes * 1e-9); passes++; }
            best = Math.Max(best, passes * 24.0 * n / sw.Elapsed.TotalSeconds / 1e9);
        }
        GC.KeepAlive(a);
        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static void TriadPass(double[] a, double[] b, double[] c, double s)
    {
        var vs = new Vector<double>(s);
        int i = 0, w = Vector<double>.Count;
        var av = System.Runtime.InteropServices.MemoryMarshal.Cast<double, Vector<double>>(a.AsSpan());
        var bv = System.Runtime.InteropServices.MemoryMarshal.Cast<double, Vector<double>>(b.AsSpan());
        var cv = System.Runtime.InteropServices.MemoryMarshal.Cast<double, Vector<double>>(c.AsSpan());
        for (int k = 0; k < av.Length; k++) av[k] = Vector.FusedMultiplyAdd(cv[k], vs, bv[k]);
        for (i = av.Length * w; i < a.Length; i++) a[i] = b[i] + s * c[i];
    }

    private static double Rate(Func<long, double> kernel, long flopsPerIteration, double seconds)
    {
        kernel(1000);
        double best = 0;
        for (int round = 0; round < 5; round++)
        {
            long iters = 1 << 16; double sink = 0;
            var sw = Stopwatch.StartNew();
            long done = 0;
            while (sw.Elapsed.TotalSeconds < seconds / 5) { sink += kernel(iters); done += iters; }
            best = Math.Max(best, done * (double)flopsPerIteration / sw.Elapsed.TotalSeconds / 1e9);
            if (sink == 42.4242) Console.Error.Write("");
        }
        return best;
    }

    // 12 independent FMA chains (latency 4 × 2 pipes on Zen 4 needs ≥ 8); 2 flops per lane per FMA
    private static double FmaDouble(double s) => Rate(FmaD, 12L * 2 * Vector<double>.Count, s);
    private static double FmaSingle(double s) => Rate(FmaF, 12L * 2 * Vector<float>.Count, s);
    private static double Fma512Double(double s) => Rate(Fma512D, 12L * 2 * 8, s);
    private static double Fma512Single(double s) => Rate(Fma512F, 12L * 2 * 16, s);

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static double FmaD(long n)
    {
        var m = new Vector<double>(0.999999); var c = new Vector<double>(1e-7);
        Vector<double> a0 = Vector<double>.One, a1 = a0 * 1.1, a2 = a0 * 1.2, a3 = a0 * 1.3, a4 = a0 * 1.4, a5 = a0 * 1.5, a6 = a0 * 1.6, a7 = a0 * 1.7, a8 = a0 * 1.8, a9 = a0 * 1.9, a10 = a0 * 2.0, a11 = a0 * 2.1;
        for (long i = 0; i < n; i++)
        {
            a0 = Vector.FusedMultiplyAdd(a0, m, c); a1 = Vector.FusedMultiplyAdd(a1, m, c); a2 = Vector.FusedMultiplyAdd(a2, m, c); a3 = Vector.FusedMultiplyAdd(a3, m, c);
            a4 = Vector.FusedMultiplyAdd(a4, m, c); a5 = Vector.FusedMultiplyAdd(a5, m, c); a6 = Vector.FusedMultiplyAdd(a6, m, c); a7 = Vector.FusedMultiplyAdd(a7, m, c);
            a8 = Vector.FusedMultiplyAdd(a8, m, c); a9 = Vector.FusedMultiplyAdd(a9, m, c); a10 = Vector.FusedMultiplyAdd(a10, m, c); a11 = Vector.FusedMultiplyAdd(a11, m, c);
        }
        return Vector.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static double FmaF(long n)
    {
        var m = new Vector<float>(0.99999f); var c = new Vector<float>(1e-6f);
        Vector<float> a0 = Vector<float>.One, a1 = a0 * 1.1f, a2 = a0 * 1.2f, a3 = a0 * 1.3f, a4 = a0 * 1.4f, a5 = a0 * 1.5f, a6 = a0 * 1.6f, a7 = a0 * 1.7f, a8 = a0 * 1.8f, a9 = a0 * 1.9f, a10 = a0 * 2.0f, a11 = a0 * 2.1f;
        for (long i = 0; i < n; i++)
        {
            a0 = Vector.FusedMultiplyAdd(a0, m, c); a1 = Vector.FusedMultiplyAdd(a1, m, c); a2 = Vector.FusedMultiplyAdd(a2, m, c); a3 = Vector.FusedMultiplyAdd(a3, m, c);
            a4 = Vector.FusedMultiplyAdd(a4, m, c); a5 = Vector.FusedMultiplyAdd(a5, m, c); a6 = Vector.FusedMultiplyAdd(a6, m, c); a7 = Vector.FusedMultiplyAdd(a7, m, c);
            a8 = Vector.FusedMultiplyAdd(a8, m, c); a9 = Vector.FusedMultiplyAdd(a9, m, c); a10 = Vector.FusedMultiplyAdd(a10, m, c); a11 = Vector.FusedMultiplyAdd(a11, m, c);
        }
        return Vector.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static double Fma512D(long n)
    {
        var m = Vector512.Create(0.999999); var c = Vector512.Create(1e-7);
        Vector512<double> a0 = Vector512<double>.One, a1 = a0 * 1.1, a2 = a0 * 1.2, a3 = a0 * 1.3, a4 = a0 * 1.4, a5 = a0 * 1.5, a6 = a0 * 1.6, a7 = a0 * 1.7, a8 = a0 * 1.8, a9 = a0 * 1.9, a10 = a0 * 2.0, a11 = a0 * 2.1;
        for (long i = 0; i < n; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 = Vector512.FusedMultiplyAdd(a1, m, c); a2 = Vector512.FusedMultiplyAdd(a2, m, c); a3 = Vector512.FusedMultiplyAdd(a3, m, c);
            a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 = Vector512.FusedMultiplyAdd(a5, m, c); a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 = Vector512.FusedMultiplyAdd(a7, m, c);
            a8 = Vector512.FusedMultiplyAdd(a8, m, c); a9 = Vector512.FusedMultiplyAdd(a9, m, c); a10 = Vector512.FusedMultiplyAdd(a10, m, c); a11 = Vector512.FusedMultiplyAdd(a11, m, c);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static double Fma512F(long n)
    {
        var m = Vector512.Create(0.99999f); var c = Vector512.Create(1e-6f);
        Vector512<float> a0 = Vector512<float>.One, a1 = a0 * 1.1f, a2 = a0 * 1.2f, a3 = a0 * 1.3f, a4 = a0 * 1.4f, a5 = a0 * 1.5f, a6 = a0 * 1.6f, a7 = a0 * 1.7f, a8 = a0 * 1.8f, a9 = a0 * 1.9f, a10 = a0 * 2.0f, a11 = a0 * 2.1f;
        for (long i = 0; i < n; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 = Vector512.FusedMultiplyAdd(a1, m, c); a2 = Vector512.FusedMultiplyAdd(a2, m, c); a3 = Vector512.FusedMultiplyAdd(a3, m, c);
            a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 = Vector512.FusedMultiplyAdd(a5, m, c); a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 = Vector512.FusedMultiplyAdd(a7, m, c);
            a8 = Vector512.FusedMultiplyAdd(a8, m, c); a9 = Vector512.FusedMultiplyAdd(a9, m, c); a10 = Vector512.FusedMultiplyAdd(a10, m, c); a11 = Vector512.FusedMultiplyAdd(a11, m, c);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    public void WriteJson(Utf8JsonWriter j)
    {
        j.WriteStartObject("machine_limit");
        j.WriteString("what", "one core, measured in C# by the benchmark: STREAM-triad a[i] = b[i] + s·c[i] (24 bytes per element counted) in L2 and beyond the caches; FMA peak with 12 independent chains");
        j.WriteNumber("triad_l2_gb_per_s", BenchStats.R(TriadL2GBps));
        j.WriteNumber("triad_l2_working_set_bytes", 3L * L2Elements * 8);
        j.WriteNumber("triad_dram_gb_per_s", BenchStats.R(TriadDramGBps));
        j.WriteNumber("triad_dram_working_set_bytes", 3L * DramElements * 8);
        j.WriteNumber("l2_bytes_per_core", L2Bytes);
        j.WriteNumber("fma_gflops_double_vector_t", BenchStats.R(FmaGflopsDouble));
        j.WriteNumber("fma_gflops_single_vector_t", BenchStats.R(FmaGflopsSingle));
        if (Fma512GflopsDouble is { } d) j.WriteNumber("fma_gflops_double_512", BenchStats.R(d)); else j.WriteNull("fma_gflops_double_512");
        if (Fma512GflopsSingle is { } f) j.WriteNumber("fma_gflops_single_512", BenchStats.R(f)); else j.WriteNull("fma_gflops_single_512");
        j.WriteEndObject();
    }
}
