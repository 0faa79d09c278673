namespace EngagementHub.Tests.TestSupport;

public static class DemoAccounts
{
    public const string Admin = "admin@demo.engagementhub.test";
    public const string Link = "link@demo.engagementhub.test";
    public const string Commissioner = "commissioner@demo.engagementhub.test";
    public const string Council = "council@demo.engagementhub.test";
    public const string Scrutiny = "scrutiny@demo.engagementhub.test";
    public const string Viewer = "viewer@demo.engagementhub.test";
}
