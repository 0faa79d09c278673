using EngagementHub.Core.Common;

namespace EngagementHub.Core.Organisations;

/// <summary>A body in the partnership: the LINk, a commissioner, the scrutiny committee, a provider, ...</summary>
public class Organisation : IVersioned
{
    /// <summary>Stands in for the name of an organisation a record refers to that cannot be found.</summary>
    public const string UnknownName = "Unknown organisation";

    private readonly List<Contact> _contacts = [];

    private Organisation()
    {
        Name = "";
    }

    public Organisation(string name, OrganisationKind kind)
    {
        Name = RequireName(name);
        Kind = kind;
    }

    /// <summary>The longest name, in characters (the column's length and the form's limit).</summary>
    public const int NameMaxLength = 200;

    public int Id { get; private set; }
    public string Name { get; private set; }
    public string? ShortName { get; private set; }
    public OrganisationKind Kind { get; private set; }
    public string? Description { get; private set; }
    public string? Website { get; private set; }
    public string? Email { get; private set; }
    public string? Phone { get; private set; }

    /// <summary>An organisation that has left the partnership stays in the record but is hidden from choices.</summary>
    public bool IsActive { get; private set; } = true;

    public Guid Version { get; set; }

    public IReadOnlyCollection<Contact> Contacts => _contacts.AsReadOnly();

    public void UpdateDetails(string name, string? shortName, OrganisationKind kind, string? description, string? website, string? email, string? phone)
    {
        Name = RequireName(name);
        ShortName = InputValidation.Clean(shortName);
        Kind = kind;
        Description = InputValidation.Clean(description);
        Website = InputValidation.Clean(website);
        Email = InputValidation.Clean(email);
        Phone = InputValidation.Clean(phone);
    }

    public void Deactivate() => IsActive = false;

    public void Reactivate() => IsActive = true;

    public Contact AddContact(string name, string? jobTitle, string? email, string? phone, bool receivesLinkRequests)
    {
        var contact = new Contact(name, jobTitle, email, phone, receivesLinkRequests);
        _contacts.Add(contact);
        return contact;
    }

    public void RemoveContact(Contact contact) => _contacts.Remove(contact);

    private static string RequireName(string name) =>
        string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("An organisation needs a name.", nameof(name)) : name.Trim();
}
