namespace Fwbm.Core.Options;

public static partial class OptionCatalog
{
    /// <summary><c>fwbm fit</c> and <c>#!fwbm-fit</c>.</summary>
    public static CommandOptions Fit => fitOptions.Value;

    private static readonly Lazy<CommandOptions> fitOptions = new(() => new("fit",
        "Fit the global coupling and model parameters (one value or one per region) to empirical FC by gradient descent (Torch backend).",
        [
            ConnectomeOption with
            {
                Description = "What to fit: a dataset id with subjects (hcp, gw), simulated[:regions[:seed]] (synthetic subjects with a known truth), a path, or in a notebook a Connectome / FitData variable.",
                Examples = ["hcp", "simulated:20:1"],
            },
            NormaliseOption,
            ModelOption,
            new("fit", ValueKind.Names, "Parameters to fit, comma-separated: coupling (alias G; one value), a model parameter (one value per region), name:scalar (one value for all regions).")
                { DefaultNote = "coupling and the model's default fit (hopf: a; wilson_cowan: ext_e; dmf: w_p; jansen_rit: mu; kuramoto: omega; epileptor2d: x0)", Repeatable = true, Examples = ["coupling,a", "G,a:scalar"] },
            ParamOption with { Description = "Initial (and fixed) model parameters as name=value pairs.", Examples = ["a=-0.02", "a=-0.02,omega=0.3"] },
            CouplingOption with { Description = "Initial global coupling G.", Default = null, DefaultNote = "a quarter into the model's coupling fit range (0.5 for hopf)" },
            new("bounds", ValueKind.Bounds, "Fit bounds inside the declared ranges, name=min:max pairs (steps are projected onto them).")
                { DefaultNote = "each fitted parameter's fit range (fwbm models)", Repeatable = true, Examples = ["a=-0.2:0.05", "a=-0.1:0.05,omega=0.1:0.5"], BadExamples = ["a=1", "a=0.05:-0.2"] },
            new("epochs", ValueKind.Integer, "Epochs: one simulated run each (all noise realisations as one batch).") { DefaultNote = "5 for hopf, 3 for models that need dt ≤ 1 ms (sized for a first fit; printed before the fit)", Min = 0, Examples = ["30", "0"], BadExamples = ["many", "-1"] },
            new("lr", ValueKind.Number, "Learning rate.") { Default = "0.02", Min = 0, MinExclusive = true, Examples = ["0.02", "1e-3"], BadExamples = ["0", "fast"] },
            new("optimizer", ValueKind.Choice, "TorchSharp optimiser (each step is projected onto the bounds).") { Default = "adam", Choices = () => ["adam", "adamw", "sgd"], Examples = ["adam", "SGD"], BadExamples = ["lbfgs", "adm"] },
            new("lr-schedule", ValueKind.Text, "Learning-rate schedule, stepped every epoch: none, step:N[:gamma], cosine[:T[:min]] or plateau[:patience[:factor]] (checked when the fit starts).")
                { Default = "none", Examples = ["none", "step:10:0.5", "cosine", "plateau:3:0.5"] },
            new("window", ValueKind.Integer, "BOLD samples per truncated-backpropagation window (one optimiser step each; 0 = the whole run, one step per epoch).")
                { DefaultNote = "0 for hopf, 10 for models that need dt ≤ 1 ms", Min = 0, Examples = ["0", "20"], BadExamples = ["-1", "x"] },
            new("realisations", ValueKind.Integer, "Noise realisations per epoch and evaluation (a batch; the loss averages over them).")
                { Default = "4", Min = 1, Max = 1024, Examples = ["4", "1"], BadExamples = ["0", "2000"] },
            SeedOption with { Description = "Noise seed (each epoch derives its own).", Default = "1" },
            new("device", ValueKind.Choice, "Where tensors live (auto: CUDA when available).") { Default = "auto", Choices = () => ["cpu", "cuda", "cuda:N", "auto"], Examples = ["cpu", "cuda:1", "AUTO"], BadExamples = ["gpu", "cuda:x"] },
            new("dtype", ValueKind.Choice, "Floating-point precision of the Torch program.") { DefaultNote = "float32 (half the memory of the autograd graph)", Choices = () => ["float32", "float64"], Examples = ["float32"], BadExamples = ["float16"] },
            DurationOption with { Description = "Simulated BOLD per epoch.", Default = null, DefaultNote = "60 s for hopf, 30 s for models that need dt ≤ 1 ms" },
            TransientOption with { Description = "Simulated before recording, every epoch.", Default = null, DefaultNote = "20 s for hopf, 5 s for the others" },
            DtOption with { DefaultNote = "20 ms for hopf; for the others the largest the model allows over its fit ranges (≤ 1 ms)" },
            TrOption with { Default = null, DefaultNote = "0.72 s" }, VelocityOption, IntegratorOption,
            new("train", ValueKind.Names, "Training subject ids, comma-separated (in a notebook also a C# variable holding them).") { DefaultNote = "all but the last two", Repeatable = true, Examples = ["101309,102311"] },
            new("test", ValueKind.Names, "Held-out subject ids (in a notebook also a C# variable holding them).") { DefaultNote = "the other subjects", Repeatable = true, Examples = ["213522"] },
            new("checkpoint", ValueKind.Text, "Checkpoint file, written atomically after every epoch (in a notebook also a C# string variable holding its path).") { Examples = ["fit.json"] },
            new("resume", ValueKind.Flag, "Continue from --checkpoint (same data and settings; only --epochs may change)."),
            OutOption with { Description = "Output folder (fitted.json, loss.csv, fc.csv)." },
            ShowOption("all", "none") with { Description = "What to display at the end." },
            SaveOption,
            NameOption("fit", "FitRun (bound when training starts)"),
        ]));
}
