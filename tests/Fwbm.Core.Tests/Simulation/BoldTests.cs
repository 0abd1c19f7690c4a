using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Core.Tests.Simulation;

public class BoldTests
{
    [Theory]
    [InlineData(true, 4.0, 6.0)]   // default (Stephan 2007 / SPM priors): the canonical HRF peak
    [InlineData(false, 2.5, 3.7)]  // Friston 2003 constants as in neurolib/TVB: damped flow oscillator with ω = 0.55 rad/s peaks earlier
    public void Impulse_response_peaks_at_the_expected_latency(bool stephan, double lo, double hi)
    {
        // A 100 ms unit impulse of neural drive at t = 0, then silence; integrate at dt = 1 ms for 30 s.
        var p = stephan ? BalloonParameters.Stephan2007 : BalloonParameters.Friston2003;
        var bw = new BalloonWindkessel(4, p);
        var z = new double[4]; var y = new double[4];
        double peak = double.MinValue, peakT = 0, dt = 0.001;
        for (int n = 0; n < 30000; n++)
        {
            Array.Fill(z, n < 100 ? 1.0 : 0.0);
            bw.Step(z, dt);
            bw.Signal(y);
            if (y[0] > peak) { peak = y[0]; peakT = (n + 1) * dt; }
        }
        Assert.InRange(peakT, lo, hi);
        Assert.True(peak > 0);
        Assert.InRange(Math.Abs(y[0]), 0, peak * 0.05); // back near baseline after 30 s
    }

    [Fact]
    public void Resting_state_gives_zero_bold()
    {
        var bw = new BalloonWindkessel(4, BalloonParameters.Friston2003);
        var y = new double[4];
        for (int n = 0; n < 1000; n++) bw.Step(new double[4], 0.001);
        bw.Signal(y);
        Assert.All(y, v => Assert.Equal(0.0, v, 12));
    }
}
