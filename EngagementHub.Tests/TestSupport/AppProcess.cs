using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace EngagementHub.Tests.TestSupport;

/// <summary>
/// The app started as a deployer starts it: <c>dotnet run --project EngagementHub.Web</c> in a process of its own, with
/// settings in the environment, from the repository root. It runs the build the tests were built with
/// (<c>--no-build</c>, same configuration), listens on a port of its own choosing on 127.0.0.1, and everything it
/// writes (database, backups, e-mails) goes to a temporary folder. The whole process tree is stopped on dispose.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaited = [];

    private AppProcess(Process process, string folder)
    {
        _process = process;
        Folder = folder;
    }

    /// <summary>The temporary folder holding the database and everything else the app writes.</summary>
    public string Folder { get; }

    /// <summary>Everything the process has written to standard output and error so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="runArguments">Arguments for <c>dotnet run</c> after <c>--project EngagementHub.Web</c>, e.g. <c>--no-launch-profile</c>.</param>
    /// <param name="environment">Settings as a deployer sets them (<c>EngagementHub__...</c>); the database and file folders are added.</param>
    public static AppProcess Start(IEnumerable<string> runArguments, IReadOnlyDictionary<string, string> environment)
    {
        var folder = Directory.CreateTempSubdirectory("engagementhub-process-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["run", "--project", "EngagementHub.Web", "--no-build", "-c", Configuration, .. runArguments])
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's own settings must not leak into the process: it is started as from a clean shell.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                     || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal) || k.StartsWith("EngagementHub__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ConnectionStrings__EngagementHub"] = $"Data Source={Path.Combine(folder, "engagementhub.db")}";
        start.Environment["EngagementHub__Smtp__PickupDirectory"] = Path.Combine(folder, "mail-pickup");
        start.Environment["EngagementHub__Backup__Directory"] = Path.Combine(folder, "backups");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var app = new AppProcess(process, folder);
        process.OutputDataReceived += (_, e) => app.Record(e.Data);
        process.ErrorDataReceived += (_, e) => app.Record(e.Data);
        process.Exited += (_, _) => app._listening.TrySetException(new InvalidOperationException(
            $"The app exited (code {process.ExitCode}) before listening:\n{app.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>The address the app listens on, once it does.</summary>
    /// <exception cref="InvalidOperationException">The process exited first (its output is in the message).</exception>
    /// <exception cref="TimeoutException">It did not listen within <paramref name="timeout"/>.</exception>
    public Task<Uri> ListeningAsync(TimeSpan timeout) => _listening.Task.WaitAsync(timeout);

    /// <summary>Completes once the process has written <paramref name="text"/> (within one line).</summary>
    /// <exception cref="TimeoutException">It had not written it after <paramref name="timeout"/>.</exception>
    public Task WrittenAsync(string text, TimeSpan timeout)
    {
        lock (_output)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _awaited.Add((text, seen));
            return seen.Task.WaitAsync(timeout);
        }
    }

    /// <summary>The process's exit code, once it has exited by itself.</summary>
    /// <exception cref="TimeoutException">It was still running after <paramref name="timeout"/>.</exception>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>A client for the running app that keeps cookies and does not follow redirects, as the HTTP tests' clients.</summary>
    public HttpClient CreateClient(Uri address) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = address };

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            foreach (var awaited in _awaited.Where(a => line.Contains(a.Text, StringComparison.Ordinal)).ToList())
            {
                _awaited.Remove(awaited);
                awaited.Seen.TrySetResult();
            }
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    private static string Configuration =>
        typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a child that is shutting down; the temporary folder is cleaned by the system.
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
