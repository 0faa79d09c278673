using EngagementHub.Web.Components.Shared;
using Microsoft.Extensions.Caching.Memory;

namespace EngagementHub.Tests.Components.Shared;

public sealed class PrerenderHandOffTests
{
    private sealed record Rows(string[] Titles);

    [Fact]
    public void Take_KeptData_ReturnedOnceThenNone()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var handOff = new PrerenderHandOff(cache);
        var kept = new Rows(["Stroke rehabilitation"]);

        var key = handOff.Keep(kept);

        Assert.Same(kept, handOff.Take<Rows>(key));
        Assert.Null(handOff.Take<Rows>(key));
    }

    [Fact]
    public void Take_NoKeyUnknownKeyOrAnotherType_None()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var handOff = new PrerenderHandOff(cache);
        var key = handOff.Keep(new Rows([]));

        Assert.Null(handOff.Take<Rows>(null));
        Assert.Null(handOff.Take<Rows>(Guid.NewGuid().ToString("N")));
        Assert.Null(handOff.Take<string>(key));
    }
}
