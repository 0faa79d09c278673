using EngagementHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Communities;

/// <summary>The list of communities, including the "seldom heard" groups the study names, seeded on every start.</summary>
public static class StandardCommunities
{
    public static IReadOnlyList<(string Name, bool SeldomHeard)> All { get; } =
    [
        ("Older people", false),
        ("Carers", false),
        ("Children and young people", false),
        ("Parents and families", false),
        ("Disabled people", false),
        ("People with learning disabilities", true),
        ("People with mental health problems", true),
        ("Black and minority ethnic communities", true),
        ("Asylum seekers and refugees", true),
        ("Homeless people", true),
        ("Gypsies and Travellers", true),
        ("Deaf and hard of hearing people", true),
        ("Lesbian, gay, bisexual and trans people", true),
        ("People who misuse drugs or alcohol", true),
        ("Men in deprived neighbourhoods", true),
        ("Working-age adults", false),
        ("Patients of GP practices", false),
        ("Hospital patients", false),
    ];

    /// <summary>Adds the standard list to a database that has no communities yet.</summary>
    public static async Task EnsureAsync(EngagementHubDbContext db, CancellationToken ct = default)
    {
        if (await db.Communities.AnyAsync(ct))
        {
            return;
        }

        db.Communities.AddRange(All.Select(c => new Community(c.Name, c.SeldomHeard)));
        await db.SaveChangesAsync(ct);
    }
}
