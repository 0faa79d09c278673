using EngagementHub.Core.Common;

namespace EngagementHub.Core.Organisations;

/// <summary>
/// A named person at an organisation, for example the senior manager who receives the LINk's requests
/// for information. Contacts need not have an account.
/// </summary>
public class Contact : IVersioned
{
    private Contact()
    {
        Name = "";
    }

    internal Contact(string name, string? jobTitle, string? email, string? phone, bool receivesLinkRequests)
    {
        Name = "";
        Update(name, jobTitle, email, phone, receivesLinkRequests);
    }

    public int Id { get; private set; }
    public int OrganisationId { get; private set; }
    public string Name { get; private set; }
    public string? JobTitle { get; private set; }
    public string? Email { get; private set; }
    public string? Phone { get; private set; }

    /// <summary>
    /// The person who receives the LINk's requests, reports and referrals: one per organisation
    /// (<see cref="Organisation.UpdateContact"/>, <see cref="Organisation.FindLinkRequestsContact"/>).
    /// </summary>
    public bool ReceivesLinkRequests { get; private set; }

    public Guid Version { get; set; }

    internal void Update(string name, string? jobTitle, string? email, string? phone, bool receivesLinkRequests)
    {
        Name = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A contact needs a name.", nameof(name)) : name.Trim();
        JobTitle = InputValidation.Clean(jobTitle);
        Email = InputValidation.Clean(email);
        Phone = InputValidation.Clean(phone);
        ReceivesLinkRequests = receivesLinkRequests;
    }

    /// <summary>Another contact of the organisation now receives the LINk's requests.</summary>
    internal void StopReceivingLinkRequests() => ReceivesLinkRequests = false;
}
