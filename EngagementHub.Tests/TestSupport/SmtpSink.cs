using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace EngagementHub.Tests.TestSupport;

/// <summary>
/// A real SMTP server on 127.0.0.1: Debian's python3-aiosmtpd (installed by test.sh) running <c>smtp_sink.py</c>, which
/// writes each accepted message to a folder before answering 250, so a message is readable once the send returns.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    /// <summary>Debian's interpreter: the python3 first on PATH here cannot import Debian's modules.</summary>
    public const string Python = "/usr/bin/python3";

    private readonly Process _process;

    private SmtpSink(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }
    public string Folder { get; }

    public static async Task<SmtpSink> StartAsync(string folder)
    {
        var port = FreePort();
        var script = Path.Combine(AppContext.BaseDirectory, "TestSupport", "smtp_sink.py");
        var process = Process.Start(new ProcessStartInfo(Python, [script, port.ToString(System.Globalization.CultureInfo.InvariantCulture), folder])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line != "ready")
        {
            var error = await process.StandardError.ReadToEndAsync();
            process.Kill();
            throw new InvalidOperationException($"The SMTP sink did not start (is python3-aiosmtpd installed? run ./test.sh): {error}");
        }

        return new SmtpSink(process, port, folder);
    }

    /// <summary>The messages received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Received() =>
        [.. Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal).Select(path => MimeMessage.Load(path))];

    /// <summary>A port nothing listens on, taken from the OS and released.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(10_000))
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
