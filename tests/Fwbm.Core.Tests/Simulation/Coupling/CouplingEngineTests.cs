using System.Numerics;
using FsCheck;
using FsCheck.Xunit;
using Fwbm.Core.Simulation.Coupling;
using Xunit;

namespace Fwbm.Core.Tests.Simulation.Coupling;

/// <summary>
/// Every coupling kernel against a naive reference sum that follows the bit-exactness contract (per lane acc = fma(W_ij,
/// h_j(t − d_ij), acc) over the non-zero weights in the contract's order, from +0): the sums must be equal bit for bit, in float and
/// double, for random sparse and dense connectomes with delays from 0 steps up, single member and batch, and for the three ways the
/// engine calls the coupling (Euler, Heun reading one step ahead, two-pass Heun with a predicted state).
/// </summary>
public class CouplingEngineTests
{
    public enum Protocol { Euler, Ahead, TwoPass }

    /// <summary>A random case: R regions, a density, delays up to maxDelay (a fraction of them 0, 1 or 2 steps), M members, channels.</summary>
    private sealed record Case(int R, double Density, int MaxDelay, double ShortFraction, int M, int NC, Protocol Protocol, int Seed)
    {
        public override string ToString() => $"R={R} density={Density:F2} maxDelay={MaxDelay} short={ShortFraction:F2} M={M} NC={NC} {Protocol} seed={Seed}";
    }

    private static (double[] W, int[] D) Connectome(Case c)
    {
        var rng = new Random(c.Seed);
        var w = new double[c.R * c.R]; var d = new int[c.R * c.R];
        for (int k = 0; k < w.Length; k++)
        {
            if (rng.NextDouble() < c.Density) w[k] = rng.NextDouble() * (rng.Next(4) == 0 ? 1e-3 : 1);
            if (c.MaxDelay > 0)
                d[k] = rng.NextDouble() < c.ShortFraction ? rng.Next(3) : rng.Next(c.MaxDelay + 1);
            if (c.Protocol == Protocol.Ahead && d[k] == 0) d[k] = 1;   // reading ahead needs every delay ≥ 1 step
        }
        if (c.MaxDelay > 0 && c.R > 0) d[0] = Math.Max(d[0], c.MaxDelay);      // the largest delay is there (size of the ring)
        return (w, d);
    }

    /// <summary>Run the protocol for a few ring lengths and compare every step's sums with the reference; returns the kernel name.</summary>
    private static string Check<TNum>(Case c) where TNum : unmanaged, IBinaryFloatingPointIeee754<TNum>
    {
        int W = Vector<TNum>.Count;
        int R = c.R, M = c.M, NC = c.NC;
        int Bp = M == 1 ? 1 : (M + W - 1) / W * W;
        int L = M == 1 ? (R + W - 1) / W * W : R * Bp;
        var (w, d) = Connectome(c);
        int maxDelay = d.Max();
        var engine = new CouplingEngine<TNum>(new CouplingLayout(R, L, M, Bp, NC, w, d, maxDelay, c.Protocol == Protocol.Ahead));
        int steps = 3 * (maxDelay + 1) + 70;
        var rng = new Random(c.Seed + 1);
        // outputs[step] = final outputs of that step, [k * L + lane]
        var outputs = new List<TNum[]>();
        TNum[] Random() { var a = new TNum[NC * L]; for (int i = 0; i < a.Length; i++) a[i] = TNum.CreateTruncating(rng.NextDouble() * 2 - 1); return a; }
        outputs.Add(Random());
        engine.FillHistory(outputs[0]);
        var dst = new TNum[NC * L];

        void Compare(long m, TNum[] current)
        {
            engine.Sums(m, current, dst);
            for (int k = 0; k < NC; k++)
                for (int i = 0; i < R; i++)
                    for (int b = 0; b < Bp; b++)
                    {
                        int lane = M == 1 ? i : i * Bp + b;
                        TNum acc = TNum.Zero;
                        foreach (int j in Reference.Order(w, d, R, i, engine.BlockSteps, maxDelay > 0))
                        {
                            int dij = maxDelay == 0 ? 0 : d[i * R + j];
                            var src = dij == 0 ? current : outputs[(int)Math.Max(0, m - dij)];
                            int srcLane = M == 1 ? j : j * Bp + b;
                            acc = TNum.FusedMultiplyAdd(TNum.CreateTruncating(w[i * R + j]), src[k * L + srcLane], acc);
                        }
                        var got = dst[k * L + lane];
                        if (!got.Equals(acc) || TNum.IsNegative(got) != TNum.IsNegative(acc))
                            Assert.Fail($"{typeof(TNum).Name} {c} kernel {engine.Kernel}: step {m}, channel {k}, target {i}, member {b}: got {got}, expected {acc}");
                    }
        }

        for (long n = 0; n < steps; n++)
        {
            var cur = outputs[(int)n];
            switch (c.Protocol)
            {
                case Protocol.Euler:
                    Compare(n, cur);
                    break;
                case Protocol.Ahead:
                    if (n == 0) Compare(0, cur);
                    Compare(n + 1, cur);   // before step n + 1 is in the history
                    break;
                case Protocol.TwoPass:
                    if (n == 0) Compare(0, cur);
                    var predicted = Random();
                    engine.WriteHistory(n + 1, predicted);
                    Compare(n + 1, predicted);
                    break;
            }
            var next = Random();
            outputs.Add(next);
            engine.WriteHistory(n + 1, next);
        }
        return engine.Kernel;
    }

    private static Case Arbitrary(int seed, bool single)
    {
        var rng = new Random(seed);
        int R = 1 + rng.Next(single ? 45 : 20);
        double density = rng.Next(3) switch { 0 => 0.05 + 0.1 * rng.NextDouble(), 1 => 0.3 + 0.4 * rng.NextDouble(), _ => 1.0 };
        int maxDelay = rng.Next(4) switch { 0 => 0, 1 => 1 + rng.Next(3), 2 => 16 + rng.Next(40), _ => 3 + rng.Next(20) };
        double shortFraction = rng.Next(3) switch { 0 => 0, 1 => 0.05, _ => 0.5 };
        int M = single ? 1 : 2 + rng.Next(19);
        var protocol = (Protocol)rng.Next(3);
        if (protocol == Protocol.Ahead && maxDelay == 0) protocol = Protocol.Euler;
        return new Case(R, density, maxDelay, shortFraction, M, 1 + rng.Next(2), protocol, seed);
    }

    [Property(MaxTest = 60)]
    public void Single_member_sums_equal_the_reference_in_double(NonNegativeInt seed) => Check<double>(Arbitrary(seed.Get, single: true));

    [Property(MaxTest = 60)]
    public void Single_member_sums_equal_the_reference_in_float(NonNegativeInt seed) => Check<float>(Arbitrary(seed.Get, single: true));

    [Property(MaxTest = 30)]
    public void Batch_sums_equal_the_reference_in_double(NonNegativeInt seed) => Check<double>(Arbitrary(seed.Get, single: false));

    [Property(MaxTest = 30)]
    public void Batch_sums_equal_the_reference_in_float(NonNegativeInt seed) => Check<float>(Arbitrary(seed.Get, single: false));

    /// <summary>The cases each kernel is chosen for, so none is left out of the random ones by chance (and each is chosen).</summary>
    [Theory]
    [InlineData(40, 1.0, 0, 0.0, 1, Protocol.Euler, "dense-matvec")]               // no delays, dense
    [InlineData(40, 0.05, 0, 0.0, 1, Protocol.Euler, "csr")]                      // no delays, sparse
    [InlineData(40, 1.0, 60, 0.0, 1, Protocol.Ahead, "csr-blocked")]              // long delays, dense
    [InlineData(40, 0.05, 60, 0.0, 1, Protocol.Ahead, "csr-blocked")]             // long delays, sparse
    [InlineData(40, 0.8, 30, 0.3, 1, Protocol.TwoPass, "csr-blocked")]            // short and zero-step delays, dense
    [InlineData(40, 0.08, 30, 0.3, 1, Protocol.TwoPass, "csr-blocked")]           // short and zero-step delays, sparse
    [InlineData(40, 0.8, 30, 0.3, 1, Protocol.Euler, "csr-blocked")]
    [InlineData(40, 0.8, 2, 0.0, 1, Protocol.Euler, "long 0,")]                   // every delay under 3 steps
    [InlineData(40, 1.0, 8, 0.5, 1, Protocol.TwoPass, "long")]                    // mostly short delays, dense (gathered on AVX2)
    [InlineData(40, 1.0, 8, 0.5, 1, Protocol.Euler, "long")]
    [InlineData(80, 1.0, 300, 0.0, 1, Protocol.Euler, "csr-blocked")]             // hcp-sized, dense, long delays
    [InlineData(12, 0.6, 30, 0.3, 7, Protocol.TwoPass, "batch-csr-blocked")]      // batch
    [InlineData(12, 0.6, 0, 0.0, 17, Protocol.Euler, "batch-csr")]
    [InlineData(12, 0.6, 40, 0.0, 33, Protocol.Ahead, "batch-csr-blocked")]
    public void Every_kernel_equals_the_reference(int r, double density, int maxDelay, double shortFraction, int m, Protocol protocol, string kernel)
    {
        for (int seed = 0; seed < 3; seed++)
        {
            var c = new Case(r, density, maxDelay, shortFraction, m, 2, protocol, seed);
            Assert.Contains(kernel, Check<double>(c));
            Check<float>(c);
        }
    }

    /// <summary>Dense short edges are gathered when the machine has AVX2 (double): the gather kernel must then be the one tested.</summary>
    [Fact]
    public void Dense_short_edges_use_the_gather_kernel_on_AVX2()
    {
        if (!System.Runtime.Intrinsics.X86.Avx2.IsSupported || Vector<double>.Count != 4) return; // nothing to check on this machine
        Assert.Contains("gathered", Check<double>(new Case(40, 1.0, 8, 0.5, 1, 2, Protocol.TwoPass, 1)));
        Assert.Contains("gathered", Check<double>(new Case(40, 0.8, 2, 0.0, 1, 2, Protocol.Euler, 1)));
    }
}
