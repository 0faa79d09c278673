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
/// not found — the circuit reached another node, or came after <see cref="KeptFor"/> — only means the page loads its data
/// as it did before. The key is unguessable and taken once, and the data is what the same response already showed.
/// </remarks>
public sealed class PrerenderHandOff(IMemoryCache cache)
{
    /// <summary>How long data waits for its circuit: a page's circuit normally connects within a second or two.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(30);

    /// <returns>The key to write into the page, for <see cref="Take{T}"/>.</returns>
    public string Keep(object data)
    {
        var key = Guid.NewGuid().ToString("N");
        cache.Set(CacheKey(key), data, KeptFor);
        return key;
    }

    /// <returns>The data kept under <paramref name="key"/>, removed so it is taken once; null when there is none of that type.</returns>
    public T? Take<T>(string? key) where T : class
    {
        if (key is null || !cache.TryGetValue(CacheKey(key), out var data))
        {
            return null;
        }

        cache.Remove(CacheKey(key));
        return data as T;
    }

    private static string CacheKey(string key) => "prerendered:" + key;
}
