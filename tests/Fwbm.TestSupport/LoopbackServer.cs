using System.Net;
using System.Net.Sockets;

namespace Fwbm.TestSupport;

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener) for download tests: each path serves a body with a status, optionally
/// announcing more bytes than it sends (the connection is then cut), or without a Content-Length (chunked).
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    public sealed record Route(byte[] Body, int Status = 200, long? AnnouncedLength = -1, int? CutAfter = null);

    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, Route> _routes;
    private readonly Task _loop;
    private int _requests;

    public LoopbackServer(Dictionary<string, Route> routes)
    {
        _routes = routes;
        for (int attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try { _listener.Start(); break; }
            catch (HttpListenerException) when (attempt < 5) { }
        }
        _loop = Task.Run(Serve);
    }

    public int Port { get; }
    public string Url(string path) => $"http://127.0.0.1:{Port}/{path.TrimStart('/')}";
    public int Requests => Volatile.Read(ref _requests);

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            Interlocked.Increment(ref _requests);
            try
            {
                var path = ctx.Request.Url!.AbsolutePath.TrimStart('/');
                if (!_routes.TryGetValue(path, out var r)) r = new Route("not found"u8.ToArray(), 404);
                ctx.Response.StatusCode = r.Status;
                if (r.AnnouncedLength is null) ctx.Response.SendChunked = true;
                else ctx.Response.ContentLength64 = r.AnnouncedLength == -1 ? r.Body.Length : r.AnnouncedLength.Value;
                int n = r.CutAfter ?? r.Body.Length;
                await ctx.Response.OutputStream.WriteAsync(r.Body.AsMemory(0, n));
                await ctx.Response.OutputStream.FlushAsync();
                if (r.CutAfter is not null) { ctx.Response.Abort(); continue; } // close the connection mid-body
                ctx.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException) { }
        }
    }

    public void Dispose()
    {
        try { _listener.Stop(); _listener.Close(); } catch (ObjectDisposedException) { }
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
