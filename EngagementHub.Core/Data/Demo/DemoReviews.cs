using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Data.Demo;

/// <summary>
/// Joint reviews between the LINk and NHS South Birmingham: the two years before last agreed, published and with their
/// actions (one done, one still open), and last year's round open, the LINk's ratings submitted and the commissioner's
/// still to come.
/// </summary>
internal static class DemoReviews
{
    // Each side's view of the 24 criteria in the study's order (LINk's twelve, then the commissioners'), a year apart.
    private static readonly int[][] LinkViews = [[3, 2, 3, 2, 2, 3, 4, 2, 3, 2, 3, 2, 2, 3, 3, 3, 1, 2, 3, 2, 2, 2, 3, 3], [3, 3, 3, 3, 2, 3, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 3, 3, 2, 3, 3, 3], [4, 3, 3, 3, 3, 3, 4, 3, 3, 3, 3, 3, 3, 3, 4, 3, 2, 3, 3, 3, 3, 3, 3, 4]];
    private static readonly int[][] CommissionerViews = [[2, 1, 3, 3, 2, 2, 3, 3, 3, 3, 2, 2, 3, 3, 4, 4, 3, 3, 3, 3, 2, 3, 3, 3], [3, 2, 3, 3, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3]];

    public static async Task SeedAsync(EngagementHubDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = UkTime.Today(now);
        var lastYear = new FinancialYear(FinancialYear.Containing(today).StartYear - 1);
        var calendar = await BankHolidayCalendar.ReadAsync(db, ct);
        var criteria = await db.SuccessCriteria.Include(c => c.Wordings).Where(c => c.IsActive).ToListAsync(ct);
        var organisations = await db.Organisations.ToDictionaryAsync(o => o.Name, o => o.Id, ct);
        var link = organisations[DemoPartnership.LinkName];
        var south = organisations[DemoPartnership.SouthBirminghamName];

        for (var back = 2; back >= 0; back--)
        {
            var year = new FinancialYear(lastYear.StartYear - back);
            var open = back == 0;
            // A review of a year is held in the spring after it ends.
            var openedAt = open ? now.AddDays(-10) : new DateTimeOffset(year.End.Year, 4, 20, 9, 0, 0, TimeSpan.Zero);
            // A round closes on a working day (ReviewService.OpenRoundAsync): the first on or after the day it would.
            var closes = calendar.NextWorkingDay(open ? today.AddDays(21) : new DateOnly(year.End.Year, 5, 31));
            var round = new ReviewRound(year, link, south, back % 2 == 0 ? link : south, closes, openedAt, criteria);
            db.ReviewRounds.Add(round);
            await db.SaveChangesAsync(ct);

            var items = round.Items.OrderBy(i => i.Side).ThenBy(i => i.Position).ToList();
            var linkView = LinkViews[2 - back];
            for (var i = 0; i < items.Count; i++)
            {
                DemoPartnership.Ensure(round.Rate(ReviewSide.Link, items[i].Id, (ReviewScore)linkView[i % linkView.Length],
                    i == 1 ? "Two new community groups joined us this year, both through the carers' forum." : null,
                    i == 1 ? "https://link.demo.engagementhub.test/annual-report" : null));
            }

            // Two weeks after opening for a past year's round; the open round's ten days ago were not enough, so three days ago.
            DemoPartnership.Ensure(round.Submit(ReviewSide.Link, publishComments: true, open ? now.AddDays(-3) : openedAt.AddDays(14)));
            if (open)
            {
                await db.SaveChangesAsync(ct);
                continue;
            }

            var commissionerView = CommissionerViews[2 - back];
            for (var i = 0; i < items.Count; i++)
            {
                DemoPartnership.Ensure(round.Rate(ReviewSide.Commissioners, items[i].Id, (ReviewScore)commissionerView[i % commissionerView.Length],
                    i == 16 ? "Our board hears from the LINk at every meeting now." : null, null));
            }

            DemoPartnership.Ensure(round.Submit(ReviewSide.Commissioners, publishComments: back == 1, openedAt.AddDays(20)));
            for (var i = 0; i < items.Count; i++)
            {
                // The meeting settled on the lower view where the two sides differed by more than a point, else the LINk's.
                var agreed = Math.Abs(linkView[i] - commissionerView[i]) > 1 ? Math.Min(linkView[i], commissionerView[i]) : linkView[i];
                DemoPartnership.Ensure(round.Agree(items[i].Id, (ReviewScore)agreed, i == 16 ? "Agreed after discussion: improving, not there yet." : null));
            }

            var meeting = DateOnly.FromDateTime(openedAt.AddDays(35).UtcDateTime);
            var outreach = round.AddAction("Hold two outreach sessions with carers' groups in the south of the city", link, null, meeting.AddMonths(3));
            var board = round.AddAction("Invite the LINk to present at a board development session", south, null, meeting.AddMonths(6));
            DemoPartnership.Ensure(round.Publish(back % 2 == 0 ? ReviewSide.Link : ReviewSide.Commissioners, openedAt.AddDays(40), notAgreedConfirmed: 0,
                byOrganisationId: back % 2 == 0 ? link : south));
            outreach.MarkDone(meeting.AddMonths(2));
            if (back == 2)
            {
                board.MarkDone(meeting.AddMonths(5));
            }

            await db.SaveChangesAsync(ct);
        }
    }
}
