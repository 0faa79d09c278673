using EngagementHub.Core.Communities;

namespace EngagementHub.Tests.Core.Communities;

public class CommunityTests
{
    [Theory]
    [InlineData("Carers", false, "Carers")]
    [InlineData("Gypsies and Travellers", true, "Gypsies and Travellers (seldom heard)")]
    public void Label_NamesASeldomHeardGroupAsOne(string name, bool seldomHeard, string expected) =>
        Assert.Equal(expected, new Community(name, seldomHeard).Label);
}
