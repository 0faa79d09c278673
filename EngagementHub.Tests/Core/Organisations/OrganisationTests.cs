using EngagementHub.Core.Organisations;

namespace EngagementHub.Tests.Core.Organisations;

public sealed class OrganisationTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_BlankName_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => new Organisation(name, OrganisationKind.Provider));

    [Fact]
    public void Constructor_NameWithSpaces_TrimsAndIsActive()
    {
        var organisation = new Organisation("  Birmingham LINk ", OrganisationKind.Link);

        Assert.Equal("Birmingham LINk", organisation.Name);
        Assert.Equal(OrganisationKind.Link, organisation.Kind);
        Assert.True(organisation.IsActive);
    }

    [Fact]
    public void UpdateDetails_BlankName_ThrowsAndKeepsName()
    {
        var organisation = new Organisation("Care Quality Commission", OrganisationKind.Regulator);

        Assert.Throws<ArgumentException>(() => organisation.UpdateDetails(" ", null, OrganisationKind.Regulator, null, null, null, null));
        Assert.Equal("Care Quality Commission", organisation.Name);
    }

    [Fact]
    public void UpdateDetails_TextWithSpaces_TrimsAndBlankOptionalTextBecomesNull()
    {
        var organisation = new Organisation("Old name", OrganisationKind.Commissioner);
        organisation.UpdateDetails("Old name", "ON", OrganisationKind.Commissioner, "Described", "https://old.example.org", "a@example.org", "0121");

        organisation.UpdateDetails(" New name ", "  ", OrganisationKind.Provider, "", "\t", "  b@example.org  ", " ");

        Assert.Equal("New name", organisation.Name);
        Assert.Null(organisation.ShortName);
        Assert.Equal(OrganisationKind.Provider, organisation.Kind);
        Assert.Null(organisation.Description);
        Assert.Null(organisation.Website);
        Assert.Equal("b@example.org", organisation.Email);
        Assert.Null(organisation.Phone);
    }

    [Fact]
    public void Deactivate_ThenReactivate_TogglesIsActive()
    {
        var organisation = new Organisation("Heart of England NHS Foundation Trust", OrganisationKind.Provider);

        organisation.Deactivate();
        Assert.False(organisation.IsActive);

        organisation.Reactivate();
        Assert.True(organisation.IsActive);
    }

    [Fact]
    public void AddContact_Details_AddsTrimmedContact()
    {
        var organisation = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);

        var contact = organisation.AddContact(" Janet Rowe ", " Director ", "", null, receivesLinkRequests: true);

        Assert.Same(contact, Assert.Single(organisation.Contacts));
        Assert.Equal("Janet Rowe", contact.Name);
        Assert.Equal("Director", contact.JobTitle);
        Assert.Null(contact.Email);
        Assert.True(contact.ReceivesLinkRequests);
    }

    [Fact]
    public void AddContact_BlankName_ThrowsAndAddsNothing()
    {
        var organisation = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);

        Assert.Throws<ArgumentException>(() => organisation.AddContact(" ", null, null, null, false));
        Assert.Empty(organisation.Contacts);
    }

    [Fact]
    public void RemoveContact_OneOfTwo_LeavesTheOther()
    {
        var organisation = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
        var colin = organisation.AddContact("Colin Marsh", null, null, null, false);
        var janet = organisation.AddContact("Janet Rowe", null, null, null, true);

        organisation.RemoveContact(colin);

        Assert.Same(janet, Assert.Single(organisation.Contacts));
    }
}
