using EngagementHub.Web.Components.Shared;

namespace EngagementHub.Tests.Components.Shared;

public sealed class PrerenderHandOffTests
{
    private sealed record Rows(string[] Titles);

    [Fact]
    public void Take_KeptData_ReturnedOnceThenNone()
    {
        using var handOff = new PrerenderHandOff();
        var kept = new Rows(["Stroke rehabilitation"]);

        var key = handOff.Keep(kept);

        Assert.Same(kept, handOff.Take<Rows>(key));
        Assert.Null(handOff.Take<Rows>(key));
    }

    [Fact]
    public void Take_NoKeyUnknownKeyOrAnotherType_None()
    {
        using var handOff = new PrerenderHandOff();
        var key = handOff.Keep(new Rows([]));

        Assert.Null(handOff.Take<Rows>(null));
        Assert.Null(handOff.Take<Rows>(Guid.NewGuid().ToString("N")));
        Assert.Null(handOff.Take<string>(key));
    }

    [Fact]
    public void Keep_MorePageViewsThanItsCapacity_HoldsNoMoreThanItsCapacity()
    {
        using var handOff = new PrerenderHandOff(capacity: 10);

        var keys = Enumerable.Range(0, 25).Select(i => handOff.Keep(new Rows([$"Page view {i}"]))).ToList();

        var taken = keys.Count(key => handOff.Take<Rows>(key) is not null);
        Assert.InRange(taken, 1, 10);
    }

    [Fact]
    public void Keep_FullThenOneTaken_KeepsTheNext()
    {
        using var handOff = new PrerenderHandOff(capacity: 2);
        var first = handOff.Keep(new Rows(["first"]));
        handOff.Keep(new Rows(["second"]));

        Assert.NotNull(handOff.Take<Rows>(first));
        var third = handOff.Keep(new Rows(["third"]));

        Assert.Equal(["third"], handOff.Take<Rows>(third)!.Titles);
    }
}
