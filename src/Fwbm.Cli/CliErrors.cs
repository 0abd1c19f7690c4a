using Fwbm.Core;

namespace Fwbm.Cli;

/// <summary>Which exceptions are the user's input (shown as one line, exit 2) rather than bugs.</summary>
internal static class CliErrors
{
    public static bool IsUserError(Exception e) => Unwrap(e) is FwbmException or IOException or UnauthorizedAccessException or FormatException;

    public static string Describe(Exception e) => Unwrap(e).Message;

    private static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } a) e = a.InnerExceptions[0];
        while (e is System.Reflection.TargetInvocationException { InnerException: { } i }) e = i;
        return e;
    }
}
