using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CircuitBench;

/// <summary>
/// One interactive-server circuit on a prerendered page, opened the way blazor.web.js opens it: the page's server
/// markers and persisted state are handed to <c>StartCircuit</c> and <c>UpdateRootComponents</c> over SignalR with the
/// blazorpack protocol. JS interop calls are answered with plain results; render batches are acknowledged and read
/// only to find the element to click.
/// </summary>
internal sealed partial class Circuit : IDisposable
{
    private HubConnection _hub = null!;
    private long _interopObjectId = -1;
    private int _callId;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ulong> _handlers = new(StringComparer.Ordinal);
    private readonly HashSet<ulong> _disposedHandlers = [];
    private TaskCompletionSource? _nextBatch;
    private readonly TaskCompletionSource _firstBatch = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public double StartMilliseconds { get; private set; }

    /// <summary>Components the circuit holds: those the render batches inserted, less those they disposed.</summary>
    public int Components { get; private set; }

    public bool IsOpen => _hub.State == HubConnectionState.Connected;

    public static async Task<Circuit> OpenAsync(HttpClient http, BenchOptions options, CancellationToken ct)
    {
        var circuit = new Circuit();
        var started = Stopwatch.GetTimestamp();
        var html = await http.GetStringAsync(options.Path, ct);
        var markers = Marker().Matches(html).Select(m => m.Groups[1].Value).ToList();
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"/{options.Path} has no interactive-server marker (not signed in?)");
        }

        var state = State().Match(html) is { Success: true } s ? s.Groups[1].Value : "";
        var builder = new HubConnectionBuilder();
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var cookie = http.DefaultRequestHeaders.GetValues("Cookie").First();
        circuit._hub = builder
            .WithUrl(new Uri(options.BaseAddress, "_blazor"), o => o.Headers["Cookie"] = cookie)
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Critical))
            .Build();
        circuit._hub.On<long, byte[]>("JS.RenderBatch", circuit.OnRenderBatchAsync);
        circuit._hub.On<long, string, string, int, long, int>("JS.BeginInvokeJS", circuit.OnInvokeJsAsync);
        circuit._hub.On<string>("JS.Error", error => Console.Error.WriteLine($"circuit error: {error}"));
        await circuit._hub.StartAsync(ct);
        var baseUri = options.BaseAddress.ToString();
        _ = await circuit._hub.InvokeAsync<string>("StartCircuit", baseUri, baseUri + options.Path, "[]", "", ct)
            ?? throw new InvalidOperationException("the server refused to start the circuit");
        var operations = string.Join(",", markers.Select((marker, i) => $"{{\"type\":\"add\",\"ssrComponentId\":{i + 1},\"marker\":{marker}}}"));
        await circuit._hub.SendAsync("UpdateRootComponents", $"{{\"batchId\":1,\"operations\":[{operations}]}}", state, ct);
        if (await Task.WhenAny(circuit._firstBatch.Task, Task.Delay(TimeSpan.FromSeconds(60), ct)) != circuit._firstBatch.Task)
        {
            throw new TimeoutException("no first render within 60 s");
        }

        circuit.StartMilliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return circuit;
    }

    /// <summary>
    /// Clicks the first element seen whose aria-label starts with <paramref name="label"/> and that has a click handler,
    /// and times the round trip to the render batch that answers it (the same moment a browser would patch the page).
    /// </summary>
    /// <returns>Milliseconds, or null when no batch came within <paramref name="timeout"/> or there is no such element.</returns>
    public async Task<double?> ClickAsync(string label, TimeSpan timeout)
    {
        ulong handler;
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var found = _handlers.FirstOrDefault(h => h.Key.StartsWith(label, StringComparison.Ordinal));
            if (found.Value == 0 || _interopObjectId < 0)
            {
                return null;
            }

            handler = found.Value;
            _nextBatch = answered;
        }

        var descriptor = JsonSerializer.Serialize(new object[]
        {
            new { eventHandlerId = handler, eventName = "click", eventFieldInfo = (object?)null },
            new { type = "click", detail = 1, button = 0, buttons = 0 },
        });
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _hub.SendAsync("BeginInvokeDotNetFromJS",
                Interlocked.Increment(ref _callId).ToString(System.Globalization.CultureInfo.InvariantCulture), null, "DispatchEventAsync", _interopObjectId, descriptor);
        }
        catch (InvalidOperationException)
        {
            // The connection closed since the circuits were counted: a click nobody answers.
            return null;
        }

        return await Task.WhenAny(answered.Task, Task.Delay(timeout)) == answered.Task ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : null;
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] batch)
    {
        lock (_gate)
        {
            Components += RenderBatchReader.Read(batch, _handlers, _disposedHandlers);
            _nextBatch?.TrySetResult();
            _nextBatch = null;
        }

        await _hub.SendAsync("OnRenderCompleted", batchId, null);
        _firstBatch.TrySetResult();
    }

    private async Task OnInvokeJsAsync(long handle, string identifier, string argsJson, int resultType, long targetInstanceId, int callType)
    {
        if (identifier.EndsWith("attachWebRendererInterop", StringComparison.Ordinal) && DotNetObject().Match(argsJson) is { Success: true } m)
        {
            _interopObjectId = long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (handle != 0)
        {
            // What a 1280 × 800 light-mode browser would answer to the calls the layout's result depends on.
            object? result = identifier switch
            {
                _ when identifier.EndsWith("isDarkMode", StringComparison.Ordinal) => false,
                _ when identifier.EndsWith("getBrowserWindowSize", StringComparison.Ordinal) => new { width = 1280, height = 800 },
                _ => null,
            };
            await _hub.SendAsync("EndInvokeJSFromDotNet", handle, true, JsonSerializer.Serialize(new[] { handle, true, result }));
        }
    }

    public void Dispose() => _hub.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [GeneratedRegex("<!--Blazor:(\\{\"type\":\"server\".*?\\})-->")]
    private static partial Regex Marker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->")]
    private static partial Regex State();

    [GeneratedRegex("\"__dotNetObject\":(\\d+)")]
    private static partial Regex DotNetObject();
}

/// <summary>
/// Reads the parts of Blazor's binary render batch this bench needs: each element's aria-label and click handler id,
/// and the handler ids the batch disposes. The layout is the one RenderBatchWriter writes and blazor.web.js reads:
/// sections located by five offsets at the end, reference frames of 20 bytes (type + 16), strings by index into a table.
/// Also counts the components a batch inserts (component frames) and disposes, for the components a circuit holds.
/// </summary>
internal static class RenderBatchReader
{
    private const int FrameSize = 20;
    private const int Attribute = 3;
    private const int Component = 4;

    /// <returns>Components inserted less components disposed by this batch.</returns>
    public static int Read(byte[] batch, Dictionary<string, ulong> handlers, HashSet<ulong> disposed)
    {
        var span = batch.AsSpan();
        var end = span.Length;
        var referenceFrames = Int(span, end - 16);
        var components = -Int(span, Int(span, end - 12));
        var disposedHandlers = Int(span, end - 8);
        var stringTable = Int(span, end - 4);

        var disposedCount = Int(span, disposedHandlers);
        for (var i = 0; i < disposedCount; i++)
        {
            var id = BitConverter.ToUInt64(span.Slice(disposedHandlers + 4 + (i * 8), 8));
            disposed.Add(id);
            foreach (var key in handlers.Where(h => h.Value == id).Select(h => h.Key).ToList())
            {
                handlers.Remove(key);
            }
        }

        var count = Int(span, referenceFrames);
        string? ariaLabel = null;
        ulong click = 0;
        for (var i = 0; i < count; i++)
        {
            var at = referenceFrames + 4 + (i * FrameSize);
            var type = Int(span, at);
            if (type == Component)
            {
                components++;
            }

            if (type == Attribute)
            {
                var name = String(span, stringTable, Int(span, at + 4));
                if (name == "aria-label")
                {
                    ariaLabel = String(span, stringTable, Int(span, at + 8));
                }
                else if (name == "onclick")
                {
                    click = BitConverter.ToUInt64(span.Slice(at + 12, 8));
                }

                continue;
            }

            // Any other frame (the next element, text, a component) ends the attributes of the element before it.
            Remember(handlers, disposed, ariaLabel, click);
            (ariaLabel, click) = (null, 0);
        }

        Remember(handlers, disposed, ariaLabel, click);
        return components;
    }

    private static void Remember(Dictionary<string, ulong> handlers, HashSet<ulong> disposed, string? ariaLabel, ulong click)
    {
        if (ariaLabel is not null && click != 0 && !disposed.Contains(click))
        {
            handlers[ariaLabel] = click;
        }
    }

    private static int Int(ReadOnlySpan<byte> span, int at) => BitConverter.ToInt32(span.Slice(at, 4));

    private static string? String(ReadOnlySpan<byte> span, int table, int index)
    {
        if (index < 0)
        {
            return null;
        }

        var at = Int(span, table + (index * 4));
        // BinaryWriter's string: a 7-bit encoded length, then UTF-8.
        var length = 0;
        var shift = 0;
        byte b;
        do
        {
            b = span[at++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return Encoding.UTF8.GetString(span.Slice(at, length));
    }
}

/// <summary>MessagePack under the name blazor.web.js uses for it.</summary>
internal sealed class BlazorPackProtocol : IHubProtocol
{
    private readonly MessagePackHubProtocol _inner = new();

    public string Name => "blazorpack";

    public int Version => _inner.Version;

    public TransferFormat TransferFormat => TransferFormat.Binary;

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);

    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message) =>
        _inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);
}
