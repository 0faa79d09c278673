using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace CircuitBench;

/// <summary>The node's memory: resident set from /proc, and the GC heap from the runtime's own counters.</summary>
internal sealed record MemoryReading(double RssMb, double? GcHeapMb)
{
    public string GcHeapText => GcHeapMb is { } mb ? string.Create(CultureInfo.InvariantCulture, $"{mb:0} MB") : "n/a";

    public string PerCircuitGcHeap(MemoryReading before, int circuits) =>
        GcHeapMb is { } after && before.GcHeapMb is { } start
            ? string.Create(CultureInfo.InvariantCulture, $"{(after - start) / Math.Max(1, circuits):0.00}")
            : "n/a";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"server RSS {RssMb:0} MB, GC heap {GcHeapText}");
}

internal sealed partial class ServerMemory(int pid)
{
    public async Task<MemoryReading> ReadAsync() => new(Rss(), await GcHeapAsync());

    private double Rss() =>
        long.Parse(VmRss().Match(File.ReadAllText($"/proc/{pid}/status")).Groups[1].Value, CultureInfo.InvariantCulture) / 1024.0;

    /// <summary>
    /// The "gc-heap-size" counter of the runtime's System.Runtime event source (MB), just after a full collection,
    /// read over the diagnostics port; null when it does not answer within 10 seconds.
    /// </summary>
    private async Task<double?> GcHeapAsync()
    {
        try
        {
            var client = new DiagnosticsClient(pid);
            var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, 0xFFFFFFFF,
                new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" });
            // The runtime's GCHeapCollect keyword makes it collect the whole heap as the session starts (as dotnet-gcdump
            // does), so the counter that follows shows what is alive rather than garbage not yet collected.
            var collect = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, 0x800000);
            using var session = client.StartEventPipeSession([collect, provider], requestRundown: false);
            double? heap = null;
            var reading = Task.Run(() =>
            {
                using var source = new EventPipeEventSource(session.EventStream);
                source.Dynamic.All += e =>
                {
                    if (e.EventName == "EventCounters" && e.PayloadValue(0) is IDictionary<string, object> outer
                        && outer.TryGetValue("Payload", out var inner) && inner is IDictionary<string, object> payload
                        && payload.TryGetValue("Name", out var name) && (string)name == "gc-heap-size")
                    {
                        heap = Convert.ToDouble(payload["Mean"], CultureInfo.InvariantCulture);
                        source.StopProcessing();
                    }
                };
                source.Process();
            });
            await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(10)));
            session.Stop();
            return heap;
        }
        catch (Exception e) when (e is DiagnosticsClientException or IOException or ServerNotAvailableException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"VmRSS:\s+(\d+) kB")]
    private static partial Regex VmRss();
}
