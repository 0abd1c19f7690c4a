using Xunit;

// formatter registration and PlotlyHtml settings are process-wide: test classes must not run concurrently
[assembly: CollectionBehavior(DisableTestParallelization = true)]
