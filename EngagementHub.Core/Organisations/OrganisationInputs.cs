using EngagementHub.Core.Common;
using System.ComponentModel.DataAnnotations;

namespace EngagementHub.Core.Organisations;

/// <summary>The organisation form: what an admin (or the organisation's own editor) may change.</summary>
public sealed class OrganisationInput
{
    [Required(ErrorMessage = "Enter the organisation's name.")]
    [MaxLength(Organisation.NameMaxLength, ErrorMessage = "The name can be at most 200 characters.")]
    public string Name { get; set; } = "";

    [MaxLength(50, ErrorMessage = "The short name can be at most 50 characters.")]
    public string? ShortName { get; set; }

    public OrganisationKind Kind { get; set; } = OrganisationKind.Commissioner;

    [MaxLength(2000, ErrorMessage = "The description can be at most 2,000 characters.")]
    [MultiLine]
    public string? Description { get; set; }

    [Url(ErrorMessage = "Enter a full web address, starting with https://")]
    [MaxLength(300, ErrorMessage = "The web address can be at most 300 characters.")]
    public string? Website { get; set; }

    [Mailbox]
    [MaxLength(256, ErrorMessage = "The e-mail address can be at most 256 characters.")]
    public string? Email { get; set; }

    [Phone(ErrorMessage = "Enter a telephone number.")]
    [MaxLength(50, ErrorMessage = "The telephone number can be at most 50 characters.")]
    public string? Phone { get; set; }

    /// <summary>The version the form was based on, so a save over someone else's newer change is refused.</summary>
    public Guid Version { get; set; }

    public static OrganisationInput From(Organisation organisation) => new()
    {
        Name = organisation.Name,
        ShortName = organisation.ShortName,
        Kind = organisation.Kind,
        Description = organisation.Description,
        Website = organisation.Website,
        Email = organisation.Email,
        Phone = organisation.Phone,
        Version = organisation.Version,
    };
}

/// <summary>The contact form.</summary>
public sealed class ContactInput
{
    /// <summary>Null for a new contact.</summary>
    public int? Id { get; set; }

    [Required(ErrorMessage = "Enter the contact's name.")]
    [MaxLength(200, ErrorMessage = "The name can be at most 200 characters.")]
    public string Name { get; set; } = "";

    [MaxLength(200, ErrorMessage = "The job title can be at most 200 characters.")]
    public string? JobTitle { get; set; }

    [Mailbox]
    [MaxLength(256, ErrorMessage = "The e-mail address can be at most 256 characters.")]
    public string? Email { get; set; }

    [Phone(ErrorMessage = "Enter a telephone number.")]
    [MaxLength(50, ErrorMessage = "The telephone number can be at most 50 characters.")]
    public string? Phone { get; set; }

    public bool ReceivesLinkRequests { get; set; }

    public Guid Version { get; set; }

    public static ContactInput From(Contact contact) => new()
    {
        Id = contact.Id,
        Name = contact.Name,
        JobTitle = contact.JobTitle,
        Email = contact.Email,
        Phone = contact.Phone,
        ReceivesLinkRequests = contact.ReceivesLinkRequests,
        Version = contact.Version,
    };
}

/// <summary>A row of the partnership directory.</summary>
/// <param name="Id">The organisation's id.</param>
/// <param name="Name">Its full name.</param>
/// <param name="ShortName">Its short name, if it has one.</param>
/// <param name="Kind">What kind of body it is.</param>
/// <param name="IsActive">False once it has left the partnership (hidden from choices, its people signed out).</param>
/// <param name="ContactCount">How many named contacts it has.</param>
/// <param name="LinkRequestsContact">The contact who receives the LINk's requests, if one is named.</param>
/// <param name="Version">The organisation's version as listed: a step decided on the row (deactivating it) sends it back,
/// so a change saved since the list was read is not overridden unseen (docs/decisions/0003).</param>
public sealed record OrganisationSummary(
    int Id, string Name, string? ShortName, OrganisationKind Kind, bool IsActive, int ContactCount, string? LinkRequestsContact, Guid Version);
