using Hangfire.Logging;
using Hangfire.AspNetCore;

namespace EngagementHub.Web.Jobs;

/// <summary>
/// Hangfire's log provider, which Hangfire keeps in a static: the host's <see cref="ILoggerFactory"/>, except that once
/// that host has stopped (its factory disposed) loggers asked for afterwards are silent instead of throwing.
/// </summary>
/// <remarks>
/// One process normally has one host, and this is then exactly Hangfire's own <see cref="AspNetCoreLogProvider"/>.
/// With several hosts in one process (the tests; a restart in place) the static points at whichever host configured
/// Hangfire last; without this, a job client built in a host still running after that one stopped fails with
/// <see cref="ObjectDisposedException"/> from <c>LoggerFactory.CreateLogger</c>.
/// </remarks>
internal sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    /// <summary>Returns the host's logger named <paramref name="name"/>, or a silent one if the host has stopped.</summary>
    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        // Hangfire asks with a null message whether a level is enabled: none is.
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
