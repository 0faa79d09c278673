namespace EngagementHub.Core.Organisations;

/// <summary>The kinds of body that take part in a local engagement partnership.</summary>
public enum OrganisationKind
{
    /// <summary>Local Involvement Network (today's local Healthwatch) and its host's staff.</summary>
    Link,
    /// <summary>An NHS or council commissioner (a PCT then, an ICB today; a council directorate).</summary>
    Commissioner,
    /// <summary>A strategic partnership such as the Local Strategic Partnership.</summary>
    Partnership,
    /// <summary>The council's Overview and Scrutiny Committee.</summary>
    Scrutiny,
    /// <summary>A provider of care, e.g. an NHS Foundation Trust.</summary>
    Provider,
    /// <summary>A voluntary-sector body, e.g. a council for voluntary service.</summary>
    VoluntarySector,
    /// <summary>A regulator such as the Care Quality Commission.</summary>
    Regulator,
    /// <summary>A locality of the council area, e.g. a constituency.</summary>
    Locality,
}

public static class OrganisationKindText
{
    public static string Label(this OrganisationKind kind) => kind switch
    {
        OrganisationKind.Link => "LINk",
        OrganisationKind.Commissioner => "Commissioner",
        OrganisationKind.Partnership => "Partnership",
        OrganisationKind.Scrutiny => "Scrutiny",
        OrganisationKind.Provider => "Provider",
        OrganisationKind.VoluntarySector => "Voluntary sector",
        OrganisationKind.Regulator => "Regulator",
        OrganisationKind.Locality => "Locality",
        _ => kind.ToString(),
    };

    /// <returns>One organisation of the kind in a sentence, with its article: "a commissioner", "a scrutiny committee".</returns>
    public static string WithArticle(this OrganisationKind kind) => kind switch
    {
        OrganisationKind.Link => "a LINk",
        OrganisationKind.Commissioner => "a commissioner",
        OrganisationKind.Partnership => "a partnership",
        OrganisationKind.Scrutiny => "a scrutiny committee",
        OrganisationKind.Provider => "a provider",
        OrganisationKind.VoluntarySector => "a voluntary-sector body",
        OrganisationKind.Regulator => "a regulator",
        OrganisationKind.Locality => "a locality",
        _ => kind.ToString(),
    };

    /// <summary>The plural heading used when the directory groups organisations by kind.</summary>
    public static string GroupHeading(this OrganisationKind kind) => kind switch
    {
        OrganisationKind.Link => "Local Involvement Network",
        OrganisationKind.Commissioner => "Commissioners",
        OrganisationKind.Partnership => "Partnerships",
        OrganisationKind.Scrutiny => "Scrutiny",
        OrganisationKind.Provider => "Providers",
        OrganisationKind.VoluntarySector => "Voluntary sector",
        OrganisationKind.Regulator => "Regulators",
        OrganisationKind.Locality => "Localities",
        _ => kind.ToString(),
    };
}
