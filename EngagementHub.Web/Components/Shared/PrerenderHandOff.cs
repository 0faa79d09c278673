using Microsoft.Extensions.Caching.Memory;

namespace EngagementHub.Web.Components.Shared;

/// <summary>
/// Hands a list page's data from its prerender to the interactive render that follows it, so the page is sent with its
/// rows and the circuit neither loads them again nor first renders the page empty (ADR 0027).
/// </summary>
/// <remarks>
/// The prerender keeps the data here, in the node's memory, under a random key that it writes into the page with
/// <c>[PersistentState]</c>; the circuit the page opens takes it back by that key, once. The data is not serialised into
/// the page (the year view's events would double its size, and entities do not round-trip through JSON). A key that is
/// not found — the circuit reached another node, came after <see cref="KeptFor"/>, or the hand-off was full — only means
/// the page loads its data as it did before. The key is unguessable and taken once, and the data is what the same
/// response already showed.
/// </remarks>
/// <remarks>
/// Bounded: its own cache holds at most <see cref="DefaultCapacity"/> page views' data at once (each for at most
/// <see cref="KeptFor"/>), so requests whose circuit never connects (clients without scripts, crawlers) cannot make it
/// grow with the load; beyond that a page view is simply not kept.
/// </remarks>
public sealed class PrerenderHandOff : IDisposable
{
    /// <summary>How long data waits for its circuit: a page's circuit normally connects within a second or two.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most page views whose data waits for its circuit at once on a node. Each waits a second or two, so this is
    /// a hundred or more page views a second; a year view's data is the largest kept.
    /// </summary>
    public const int DefaultCapacity = 200;

    private readonly MemoryCache _cache;

    public PrerenderHandOff() : this(DefaultCapacity)
    {
    }

    /// <param name="capacity">The most page views kept at once (<see cref="DefaultCapacity"/> in the app).</param>
    public PrerenderHandOff(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        // Expired entries are swept on the cache's next use after this, rather than the default minute.
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = capacity, ExpirationScanFrequency = TimeSpan.FromSeconds(10) });
    }

    /// <returns>The key to write into the page, for <see cref="Take{T}"/>. When the hand-off is full the data is not kept,
    /// and the key finds nothing.</returns>
    public string Keep(object data)
    {
        var key = Guid.NewGuid().ToString("N");
        _cache.Set(key, data, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = KeptFor, Size = 1 });
        return key;
    }

    /// <returns>The data kept under <paramref name="key"/>, removed so it is taken once; null when there is none of that type.</returns>
    public T? Take<T>(string? key) where T : class
    {
        if (key is null || !_cache.TryGetValue(key, out var data))
        {
            return null;
        }

        _cache.Remove(key);
        return data as T;
    }

    public void Dispose() => _cache.Dispose();
}
