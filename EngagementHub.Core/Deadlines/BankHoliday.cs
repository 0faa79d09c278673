namespace EngagementHub.Core.Deadlines;

public enum HolidaySource
{
    /// <summary>Shipped with the app, from the statutory pattern.</summary>
    Generated,
    /// <summary>Imported from GOV.UK's bank-holidays.json.</summary>
    Imported,
    /// <summary>Added or edited by an admin.</summary>
    Manual,
}

/// <summary>A bank holiday in England and Wales. Data, not code: admins edit and import them as they are announced.</summary>
public class BankHoliday
{
    private BankHoliday()
    {
        Name = "";
    }

    public BankHoliday(DateOnly date, string name, HolidaySource source)
    {
        Date = date;
        Name = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A bank holiday needs a name.", nameof(name)) : name.Trim();
        Source = source;
    }

    /// <summary>The longest name stored, in characters: a typed one longer is refused at its field, an imported one shortened.</summary>
    public const int NameMaxLength = 200;

    public int Id { get; private set; }
    public DateOnly Date { get; private set; }
    public string Name { get; private set; }
    public HolidaySource Source { get; private set; }

    public void Rename(string name, HolidaySource source)
    {
        Name = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A bank holiday needs a name.", nameof(name)) : name.Trim();
        Source = source;
    }
}
