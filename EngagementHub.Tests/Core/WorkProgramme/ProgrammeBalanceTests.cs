using EngagementHub.Core.Common;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.WorkProgramme;

namespace EngagementHub.Tests.Core.WorkProgramme;

public sealed class ProgrammeBalanceTests
{
    private static readonly FinancialYear Year = new(2026);
    private static int _id;

    private static IssuePlacement Issue(
        CareSector sector = CareSector.Health, string? locality = null, IssueSize? size = null, IssueTerm? term = IssueTerm.ShortTerm,
        PartnerSector? partners = PartnerSector.Statutory, ServiceSetting? setting = ServiceSetting.Community, IssueOrigin? origin = IssueOrigin.Reactive,
        IssueReach? reach = IssueReach.Majority) =>
        new(++_id, $"Issue {_id}", new DateOnly(2026, 5, 1), IssueStep.Raised, null, sector, locality, null, size, term, partners, setting, origin, reach);

    // A programme with something on every side of every balance, and two quick wins for its one big thing.
    private static List<IssuePlacement> Balanced() =>
    [
        Issue(CareSector.Health, null, IssueSize.BigThing, IssueTerm.LongTerm, PartnerSector.Statutory, ServiceSetting.Acute, IssueOrigin.Proactive, IssueReach.Majority),
        Issue(CareSector.SocialCare, "Erdington", IssueSize.QuickWin, IssueTerm.ShortTerm, PartnerSector.ThirdSector, ServiceSetting.Community, IssueOrigin.Reactive, IssueReach.Minority),
        Issue(CareSector.Both, "Ladywood", IssueSize.QuickWin, IssueTerm.ShortTerm, PartnerSector.Statutory, ServiceSetting.Both, IssueOrigin.Reactive, IssueReach.Minority),
    ];

    [Fact]
    public void Report_BalancedProgramme_NoWarnings()
    {
        var report = ProgrammeBalance.Report(Year, Balanced());

        Assert.Empty(report.Warnings);
        Assert.Equal(1, report.BigThings);
        Assert.Equal(2, report.QuickWins);
        Assert.Equal(2, report.QuickWinsWanted);
    }

    [Fact]
    public void Report_Counts_EachSideBothAndNotPlaced()
    {
        var issues = Balanced();
        issues.Add(Issue(CareSector.Health, term: null, setting: null));

        var report = ProgrammeBalance.Report(Year, issues);

        Assert.Equal([2, 1, 1], report.For(BalanceDimension.CareSector).Counts);
        Assert.Equal(0, report.For(BalanceDimension.CareSector).NotPlaced);
        Assert.Equal([2, 1], report.For(BalanceDimension.Term).Counts);
        Assert.Equal(1, report.For(BalanceDimension.Term).NotPlaced);
        Assert.Equal([1, 1, 1], report.For(BalanceDimension.Setting).Counts);
        Assert.Equal([2, 2], report.For(BalanceDimension.Scope).Counts);
        Assert.Equal(1, report.For(BalanceDimension.Size).NotPlaced);
    }

    [Fact]
    public void Report_NoSocialCareWork_WarnsInPlainWords()
    {
        var report = ProgrammeBalance.Report(Year, [Issue(), Issue(), Issue()]);

        var warning = Assert.Single(report.Warnings, w => w.Dimension == BalanceDimension.CareSector);
        Assert.Equal("No social care work in 2026/27: all 3 issues placed are about health only.", warning.Text);
    }

    [Fact]
    public void Report_JointHealthAndSocialCareIssue_CountsAsSocialCareWork()
    {
        var report = ProgrammeBalance.Report(Year, [Issue(), Issue(), Issue(CareSector.Both)]);

        Assert.DoesNotContain(report.Warnings, w => w.Dimension == BalanceDimension.CareSector);
    }

    [Fact]
    public void Report_EverythingReactiveAndNoMinorityIssues_WarnsOnBoth()
    {
        var report = ProgrammeBalance.Report(Year, [Issue(), Issue(), Issue()]);

        Assert.Contains(report.Warnings, w => w.Text == "No proactive work in 2026/27: all 3 issues placed are reactive.");
        Assert.Contains(report.Warnings, w => w.Text == "No minority issues in 2026/27: all 3 issues placed are majority issues.");
    }

    [Fact]
    public void Report_FewerThanThreePlaced_NoOneSidedWarning()
    {
        var report = ProgrammeBalance.Report(Year, [Issue(), Issue(origin: null), Issue(origin: null)]);

        Assert.DoesNotContain(report.Warnings, w => w.Dimension == BalanceDimension.Origin);
    }

    [Fact]
    public void Report_OneBigThingOneQuickWin_SaysTheStudyAsksForTwo()
    {
        var report = ProgrammeBalance.Report(Year, [Issue(size: IssueSize.BigThing), Issue(size: IssueSize.QuickWin)]);

        var warning = Assert.Single(report.Warnings, w => w.Dimension == BalanceDimension.Size);
        Assert.Equal("Too few quick wins in 2026/27: 1 for 1 big thing. The study suggests two for every big thing, so 2.", warning.Text);
    }

    [Fact]
    public void Report_BigThingsAndNoQuickWins_WarnsNoQuickWins()
    {
        var one = ProgrammeBalance.Report(Year, [Issue(size: IssueSize.BigThing)]);
        var two = ProgrammeBalance.Report(Year, [Issue(size: IssueSize.BigThing), Issue(size: IssueSize.BigThing)]);

        // One issue is not "all 1 issues".
        Assert.StartsWith("No quick wins in 2026/27: the one issue sized is a big thing.", Assert.Single(one.Warnings, w => w.Dimension == BalanceDimension.Size).Text);
        Assert.StartsWith("No quick wins in 2026/27: all 2 issues sized are big things.", Assert.Single(two.Warnings, w => w.Dimension == BalanceDimension.Size).Text);
    }

    [Fact]
    public void Report_OnlyQuickWins_WarnsNoBigThingsFromThreeOn()
    {
        var two = ProgrammeBalance.Report(Year, [Issue(size: IssueSize.QuickWin), Issue(size: IssueSize.QuickWin)]);
        var three = ProgrammeBalance.Report(Year, [Issue(size: IssueSize.QuickWin), Issue(size: IssueSize.QuickWin), Issue(size: IssueSize.QuickWin)]);

        Assert.DoesNotContain(two.Warnings, w => w.Dimension == BalanceDimension.Size);
        Assert.StartsWith("No big things in 2026/27", Assert.Single(three.Warnings, w => w.Dimension == BalanceDimension.Size).Text);
    }

    [Fact]
    public void Report_NoIssues_NoWarnings()
    {
        Assert.Empty(ProgrammeBalance.Report(Year, []).Warnings);
    }

    [Theory]
    [InlineData(3, false, null, IssueSize.BigThing)]
    [InlineData(2, false, null, IssueSize.QuickWin)]
    [InlineData(null, true, null, IssueSize.QuickWin)]
    [InlineData(null, false, null, null)]
    [InlineData(6, false, PanelOutcome.NoAction, null)]
    [InlineData(null, true, PanelOutcome.LinkProject, IssueSize.QuickWin)]
    public void SizeOf_ScoreSkipAndOutcome_QuickWinBigThingOrNotPlaced(int? score, bool skipped, PanelOutcome? outcome, IssueSize? expected)
    {
        Assert.Equal(expected, ProgrammeBalance.SizeOf(score, skipped, outcome));
    }

    [Fact]
    public void Validate_SocialCareIssueOnAcuteServices_SaysSoOnTheSettingField()
    {
        var errors = ProgrammeBalance.Validate(CareSector.SocialCare, new BalanceInput { Setting = ServiceSetting.Acute });

        Assert.Equal(nameof(IBalancePlacement.Setting), Assert.Single(errors).Field);
    }

    [Fact]
    public void Validate_ValueNotListed_SaysSoOnItsField()
    {
        var errors = ProgrammeBalance.Validate(CareSector.Health, new BalanceInput { Reach = (IssueReach)7, Term = IssueTerm.LongTerm });

        Assert.Equal(nameof(IBalancePlacement.Reach), Assert.Single(errors).Field);
    }

    [Fact]
    public void Sides_EveryDimension_HasTwoSidesOrTwoAndBoth()
    {
        Assert.All(Enum.GetValues<BalanceDimension>(), d => Assert.InRange(ProgrammeBalance.Sides(d).Count, 2, 3));
    }
}
