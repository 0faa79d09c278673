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

    /// <summary>Adds a contact; one who receives the LINk's requests takes that from whoever received them before.</summary>
    /// <returns>The new contact, not yet saved.</returns>
    public Contact AddContact(string name, string? jobTitle, string? email, string? phone, bool receivesLinkRequests)
    {
        var contact = new Contact(name, jobTitle, email, phone, receivesLinkRequests);
        _contacts.Add(contact);
        KeepOneLinkRequestsContact(contact);
        return contact;
    }

    /// <summary>
    /// Changes one of its contacts; ticking them as receiving the LINk's requests unticks whoever did before. Only a new
    /// tick takes it over: a contact already ticked where older data ticks several, saved for another change (a new
    /// phone number), leaves the receiver every page names (<see cref="FindLinkRequestsContact"/>) as it was.
    /// </summary>
    public void UpdateContact(Contact contact, string name, string? jobTitle, string? email, string? phone, bool receivesLinkRequests)
    {
        var newlyTicked = receivesLinkRequests && !contact.ReceivesLinkRequests;
        contact.Update(name, jobTitle, email, phone, receivesLinkRequests);
        if (newlyTicked)
        {
            KeepOneLinkRequestsContact(contact);
        }
    }

    /// <summary>
    /// The named person who receives the LINk's requests, reports and referrals (README): one at most, since naming one
    /// unticks the others. Where older data ticks several, the one added last, so every reader names the same person.
    /// </summary>
    /// <returns>That contact, or null when none is named (or the contacts were not loaded).</returns>
    public Contact? FindLinkRequestsContact() => _contacts.Where(c => c.ReceivesLinkRequests).MaxBy(c => c.Id);

    /// <summary>
    /// An organisation names one person to receive the LINk's requests: a deadline is addressed to them when the LINk
    /// names nobody else, and two ticked would leave the directory and the deadlines to choose between them.
    /// </summary>
    private void KeepOneLinkRequestsContact(Contact named)
    {
        if (!named.ReceivesLinkRequests)
        {
            return;
        }

        foreach (var other in _contacts.Where(c => c != named && c.ReceivesLinkRequests))
        {
            other.StopReceivingLinkRequests();
        }
    }

    public void RemoveContact(Contact contact) => _contacts.Remove(contact);

    private static string RequireName(string name) =>
        string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("An organisation needs a name.", nameof(name)) : name.Trim();
}
