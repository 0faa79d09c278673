namespace EngagementHub.Core.Common;

/// <summary>
/// The working-day calendar as it stands now, for the folders that count working days (digests, reminders, reviews)
/// without depending on where the bank holidays are kept. Implemented by <c>Deadlines.BankHolidayCalendar</c>, which
/// owns the holiday data and recounts due dates when it changes.
/// </summary>
public interface IWorkingDays
{
    /// <returns>The calendar built from the bank holidays in the database now; never null.</returns>
    Task<WorkingDayCalendar> GetAsync(CancellationToken ct = default);
}
