namespace EngagementHub.Web.Notifications;

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>
/// The "EngagementHub:Smtp" section. With no Host (the <c>dotnet run</c> default) e-mails are written as .eml files to
/// <see cref="PickupDirectory"/> instead, so the demo works without a mail server.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "EngagementHub:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpSecurity UseTls { get; set; } = SmtpSecurity.StartTls;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "EngagementHub <no-reply@engagementhub.invalid>";

    /// <summary>Where .eml files go when Host is empty; relative to the content root. Default App_Data/mail-pickup.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail-pickup";

    /// <summary>Seconds to wait for the server before an attempt counts as failed.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
