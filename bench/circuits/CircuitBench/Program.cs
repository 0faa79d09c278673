// Holds many Blazor Server circuits on one page of a running node, without a browser, and measures what they cost:
// the node's memory per circuit and how quickly a click on an open circuit is answered. See bench/README.md.
using System.Globalization;
using System.Text.RegularExpressions;
using CircuitBench;

var options = BenchOptions.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 })
{
    BaseAddress = options.BaseAddress,
    Timeout = TimeSpan.FromSeconds(60),
};
var cookie = await SignIn.CookieAsync(http, options.Email, options.Password);
http.DefaultRequestHeaders.Add("Cookie", cookie);
var server = new ServerMemory(options.ServerPid);

Console.WriteLine($"page /{options.Path}, clicking the element whose aria-label starts \"{options.ClickLabel}\"; server pid {options.ServerPid}");
// One page load before measuring, so the node's first-request work (compiling, caches) is not counted per circuit.
(await Circuit.OpenAsync(http, options, CancellationToken.None)).Dispose();
await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds));
var before = await server.ReadAsync();
Console.WriteLine($"before: {before}");
Console.WriteLine("| circuits held | failed | start p50 / p95 | server RSS | MB per circuit (RSS) | GC heap | MB per circuit (GC heap) | components per circuit | clicks | click p50 / p95 | click max | unanswered |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");

var circuits = new List<Circuit>();
var failures = 0;
foreach (var target in options.Steps)
{
    var starts = new List<double>();
    while (circuits.Count < target && failures <= options.MaxFailures)
    {
        var batch = Enumerable.Range(0, Math.Min(options.Parallel, target - circuits.Count))
            .Select(_ => Circuit.OpenAsync(http, options, CancellationToken.None)).ToList();
        foreach (var opening in batch)
        {
            try
            {
                var circuit = await opening;
                circuits.Add(circuit);
                starts.Add(circuit.StartMilliseconds);
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TimeoutException or TaskCanceledException or IOException)
            {
                if (++failures <= 3)
                {
                    Console.Error.WriteLine($"a circuit failed to start: {e.Message}");
                }
            }
        }
    }

    await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds));
    var held = circuits.Count(c => c.IsOpen);
    var after = await server.ReadAsync();
    var clicks = await ClickAsync(circuits.Where(c => c.IsOpen).ToList(), options);
    var answered = clicks.Where(c => c is not null).Select(c => c!.Value).Order().ToArray();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {held:N0} | {failures} | {Stats.Percentile(starts, 50):0} / {Stats.Percentile(starts, 95):0} ms | {after.RssMb:0} MB | {(after.RssMb - before.RssMb) / Math.Max(1, held):0.00} | "
        + $"{after.GcHeapText} | {after.PerCircuitGcHeap(before, held)} | {circuits.Where(c => c.IsOpen).Select(c => (double)c.Components).DefaultIfEmpty().Average():0} | {clicks.Count:N0} | {Stats.Percentile(answered, 50):0.0} / {Stats.Percentile(answered, 95):0.0} ms | "
        + $"{(answered.Length == 0 ? 0 : answered[^1]):0} ms | {clicks.Count(c => c is null)} |"));
    if (failures > options.MaxFailures)
    {
        Console.WriteLine($"stopped: more than {options.MaxFailures} circuits failed to start");
        break;
    }
}

if (options.HoldSeconds > 0)
{
    // Time to take a heap dump of the node (dotnet-gcdump) with every circuit still open.
    Console.WriteLine($"holding {circuits.Count(c => c.IsOpen):N0} circuits open for {options.HoldSeconds} s");
    await Task.Delay(TimeSpan.FromSeconds(options.HoldSeconds));
}

foreach (var circuit in circuits)
{
    circuit.Dispose();
}

// Clicks from a few people at once (--clickers), each on a circuit chosen in turn, while every circuit stays open.
static async Task<List<double?>> ClickAsync(IReadOnlyList<Circuit> open, BenchOptions options)
{
    var results = new List<double?>();
    if (open.Count == 0)
    {
        return results;
    }

    var next = -1;
    var workers = Enumerable.Range(0, options.Clickers).Select(async _ =>
    {
        var mine = new List<double?>();
        int i;
        while ((i = Interlocked.Increment(ref next)) < options.Clicks)
        {
            mine.Add(await open[(int)((long)i * 7919 % open.Count)].ClickAsync(options.ClickLabel, TimeSpan.FromSeconds(5)));
        }

        return mine;
    });
    foreach (var done in await Task.WhenAll(workers))
    {
        results.AddRange(done);
    }

    return results;
}

internal sealed record BenchOptions(
    Uri BaseAddress, string Path, int[] Steps, int Clicks, int Clickers, string ClickLabel, int ServerPid, string Email,
    string Password, int Parallel, int SettleSeconds, int MaxFailures, int HoldSeconds)
{
    public static BenchOptions Parse(string[] args)
    {
        var named = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            named[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string name, string fallback) => named.GetValueOrDefault(name, fallback);
        var pid = int.Parse(Get("pid", "0"), CultureInfo.InvariantCulture);
        if (pid <= 0)
        {
            throw new ArgumentException("--pid: the process id of the app (dotnet EngagementHub.Web.dll), for its memory");
        }

        var baseUrl = Get("base", "http://127.0.0.1:5080/");
        return new BenchOptions(
            new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"),
            Get("path", "timetable").TrimStart('/'),
            [.. Get("circuits", "100,300").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))],
            int.Parse(Get("clicks", "400"), CultureInfo.InvariantCulture),
            int.Parse(Get("clickers", "4"), CultureInfo.InvariantCulture),
            Get("click", "Switch to"),
            pid,
            Get("email", "viewer@demo.engagementhub.test"),
            Get("password", "Demo-Pass-2026!"),
            int.Parse(Get("parallel", "8"), CultureInfo.InvariantCulture),
            int.Parse(Get("settle", "10"), CultureInfo.InvariantCulture),
            int.Parse(Get("max-failures", "20"), CultureInfo.InvariantCulture),
            int.Parse(Get("hold", "0"), CultureInfo.InvariantCulture));
    }
}

internal static partial class SignIn
{
    /// <summary>Signs in through the app's own form and returns its auth cookie as "name=value".</summary>
    public static async Task<string> CookieAsync(HttpClient http, string email, string password)
    {
        using var form = await http.GetAsync("account/login");
        var antiforgery = Cookies(form);
        var html = await form.Content.ReadAsStringAsync();
        var input = TokenInput().Match(html);
        var value = input.Success ? ValueAttribute().Match(input.Value) : Match.Empty;
        var token = value.Success ? System.Net.WebUtility.HtmlDecode(value.Groups[1].Value)
            : throw new InvalidOperationException("the sign-in page has no antiforgery token");
        using var request = new HttpRequestMessage(HttpMethod.Post, "account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["_handler"] = "signin",
                ["Input.Email"] = email,
                ["Input.Password"] = password,
            }),
        };
        request.Headers.Add("Cookie", string.Join("; ", antiforgery));
        using var response = await http.SendAsync(request);
        return Cookies(response).FirstOrDefault(c => c.StartsWith("EngagementHub.Auth=", StringComparison.Ordinal))
               ?? throw new InvalidOperationException($"sign-in as {email} gave no auth cookie (HTTP {(int)response.StatusCode})");
    }

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex TokenInput();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}

internal static class Stats
{
    /// <summary>The nearest-rank percentile (0 when there is nothing).</summary>
    public static double Percentile(IEnumerable<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
