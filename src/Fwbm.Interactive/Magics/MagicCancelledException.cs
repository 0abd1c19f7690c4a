namespace Fwbm.Interactive.Magics;

/// <summary>A magic stopped by a kernel interrupt; the message says what it kept (e.g. the completed epochs of a fit).</summary>
public sealed class MagicCancelledException(string message, CancellationToken token) : OperationCanceledException(message, token);
